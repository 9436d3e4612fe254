import { describe, expect, it } from "vitest";
import type { VmSizeInfo } from "@batch-studio/shared";
import { coresNeeded, filterVmSizes, NO_FILTER } from "./vmSizeFilter";

const size = (name: string, family: string, extra: Partial<VmSizeInfo> = {}): VmSizeInfo => ({
  name,
  family,
  vCpus: 4,
  memoryGiB: 16,
  gpus: 0,
  rdma: false,
  lowPriorityCapable: true,
  ...extra,
});

const sizes = [size("Standard_D4s_v3", "standardDSv3Family"), size("Standard_NC6", "standardNCFamily", { gpus: 1 }), size("Standard_HB120rs_v3", "standardHBrsv3Family", { rdma: true, vCpus: 120 })];

describe("filterVmSizes", () => {
  it("searches names by words and filters by family, GPU and RDMA", () => {
    expect(filterVmSizes(sizes, NO_FILTER)).toHaveLength(3);
    expect(filterVmSizes(sizes, { ...NO_FILTER, search: "d4s" }).map((s) => s.name)).toEqual(["Standard_D4s_v3"]);
    expect(filterVmSizes(sizes, { ...NO_FILTER, gpu: true }).map((s) => s.name)).toEqual(["Standard_NC6"]);
    expect(filterVmSizes(sizes, { ...NO_FILTER, rdma: true }).map((s) => s.name)).toEqual(["Standard_HB120rs_v3"]);
    expect(filterVmSizes(sizes, { ...NO_FILTER, family: "standardNCFamily" })).toHaveLength(1);
    expect(coresNeeded(sizes[2], 3)).toBe(360);
  });
});
