import type { PoolFacts } from "../pool-facts";
import type { Rule } from "../rule";

const PATH = ["vmSize"];

export const vmSizeNotOffered: Rule<PoolFacts> = {
  code: "vmSize.notOffered",
  area: "vm size",
  level: "error",
  summary: "The VM size is offered to Batch in the account's region (when the list is known).",
  source: "operator experience",
  check: ({ spec, context, vmSize }, emit) => {
    if (!context.vmSizes || vmSize) return;
    emit(
      PATH,
      `The VM size "${spec.vmSize}" is not available to Batch in ${context.accountRegion ?? "this region"}; pick a size from the list.`,
    );
  },
};

export const windowsContainerSingleCore: Rule<PoolFacts> = {
  code: "vmSize.windowsContainerSingleCore",
  area: "vm size",
  level: "warning",
  summary: "Windows container pools use a multi-core VM size.",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": for Windows container workloads, choose a multi-core VM size for the pool.',
  check: ({ isContainerPool, imageOs, vmSize }, emit) => {
    if (!isContainerPool || imageOs !== "windows" || !vmSize || vmSize.vCpus > 1) return;
    emit(
      PATH,
      `${vmSize.name} has a single core; Windows container pools should use a multi-core size (2 or more vCPUs).`,
    );
  },
};

export const rdmaRequiresLinux: Rule<PoolFacts> = {
  code: "vmSize.rdmaRequiresLinux",
  area: "vm size",
  level: "warning",
  summary: "RDMA sizes give containers RDMA only on Linux pools.",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": Batch provides RDMA support only for containers running on Linux pools.',
  check: ({ isContainerPool, imageOs, vmSize }, emit) => {
    if (!isContainerPool || imageOs !== "windows" || !vmSize?.rdma) return;
    emit(
      PATH,
      `${vmSize.name} is an RDMA size, but Batch gives containers RDMA only on Linux pools; use a Linux image or a size without RDMA.`,
    );
  },
};

/** Batch's supported-image capabilities that mean an NVIDIA driver is preinstalled. */
const hasNvidiaCapability = (capabilities: string[]): boolean => capabilities.some((c) => /^Nvidia/i.test(c));

export const gpuImageSupport: Rule<PoolFacts> = {
  code: "vmSize.gpuImageLacksGpuSupport",
  area: "vm size",
  level: "info",
  summary:
    "A GPU size's image has an NVIDIA driver: Marketplace images list an Nvidia* capability; custom images must preinstall it.",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": preinstall NVIDIA drivers (and NVIDIA Docker) on custom images to use N-series GPUs.',
  check: ({ spec, vmSize, marketplaceImage, isContainerPool }, emit) => {
    if (!vmSize || vmSize.gpus <= 0) return;
    const gpus = `${vmSize.name} has ${vmSize.gpus} GPU(s)`;
    if (marketplaceImage && !hasNvidiaCapability(marketplaceImage.capabilities)) {
      emit(
        PATH,
        `${gpus}, but Batch lists no NVIDIA driver capability (e.g. NvidiaTeslaDriverInstalled) for this image; without a driver installed by a start task the GPUs are unusable.`,
      );
    } else if (spec.image.kind === "gallery") {
      const docker = isContainerPool ? " and NVIDIA Docker (the GPU container runtime)" : "";
      emit(
        PATH,
        `${gpus}; Batch cannot tell whether a gallery image has GPU drivers. Make sure the image has the NVIDIA driver${docker} preinstalled.`,
      );
    }
  },
};

export const vmSizeRules = [vmSizeNotOffered, windowsContainerSingleCore, rdmaRequiresLinux, gpuImageSupport];
