import type { VmSizeInfo } from "@batch-studio/shared";

export interface VmSizeFilter {
  search: string;
  family: string;
  gpu: boolean;
  rdma: boolean;
}

export const NO_FILTER: VmSizeFilter = { search: "", family: "", gpu: false, rdma: false };

/** Case-insensitive name search (words in any order) plus family / GPU / RDMA filters. */
export function filterVmSizes(sizes: readonly VmSizeInfo[], f: VmSizeFilter): VmSizeInfo[] {
  const words = f.search.toLowerCase().split(/\s+/).filter(Boolean);
  return sizes.filter(
    (s) =>
      (!f.family || s.family === f.family) &&
      (!f.gpu || s.gpus > 0) &&
      (!f.rdma || s.rdma) &&
      words.every((w) => s.name.toLowerCase().includes(w) || s.family.toLowerCase().includes(w)),
  );
}

/** Cores a pool would take from its VM family's dedicated quota. */
export const coresNeeded = (size: VmSizeInfo | undefined, dedicated: number): number => (size ? size.vCpus * dedicated : 0);
