import { describe, expect, it } from "vitest";
import type { ValidationContext } from "../../validation-context";
import { pool, poolIssues, ubuntuContainerImage, vmSize, windowsContainerImage } from "../test-support";

const windowsPool = (size: string) =>
  pool((p) => {
    p.vmSize = size;
    p.image = {
      kind: "marketplace",
      publisher: "MicrosoftWindowsServer",
      offer: "WindowsServer",
      sku: "2019-datacenter-with-containers",
    };
    p.nodeAgentSkuId = "batch.node.windows amd64";
  });
const ctx = (size = vmSize("Standard_D2_v2")): ValidationContext => ({
  supportedImages: [ubuntuContainerImage, windowsContainerImage],
  vmSizes: [size],
});

describe("vm size rules", () => {
  it("vmSize.notOffered when the list is known", () => {
    expect(poolIssues("vmSize.notOffered", pool(), ctx())).toEqual([]);
    expect(poolIssues("vmSize.notOffered", pool(), ctx(vmSize("Standard_A1")))).toEqual([
      expect.objectContaining({ path: ["vmSize"], level: "error" }),
    ]);
    expect(poolIssues("vmSize.notOffered", pool())).toEqual([]);
  });
  it("vmSize.windowsContainerSingleCore", () => {
    expect(
      poolIssues(
        "vmSize.windowsContainerSingleCore",
        windowsPool("Standard_A1"),
        ctx(vmSize("Standard_A1", { vCpus: 1 })),
      ),
    ).toEqual([expect.objectContaining({ level: "warning", message: expect.stringMatching(/multi-core/) })]);
    expect(poolIssues("vmSize.windowsContainerSingleCore", windowsPool("Standard_D2_v2"), ctx())).toEqual([]);
    expect(
      poolIssues(
        "vmSize.windowsContainerSingleCore",
        pool((p) => void (p.vmSize = "Standard_A1")),
        ctx(vmSize("Standard_A1", { vCpus: 1 })),
      ),
    ).toEqual([]);
  });
  it("vmSize.rdmaRequiresLinux", () => {
    const rdma = ctx(vmSize("Standard_H16r", { rdma: true, vCpus: 16 }));
    expect(poolIssues("vmSize.rdmaRequiresLinux", windowsPool("Standard_H16r"), rdma)).toEqual([
      expect.objectContaining({ level: "warning", message: expect.stringMatching(/only on Linux/) }),
    ]);
    expect(
      poolIssues(
        "vmSize.rdmaRequiresLinux",
        pool((p) => void (p.vmSize = "Standard_H16r")),
        rdma,
      ),
    ).toEqual([]);
  });
  it("vmSize.gpuImageLacksGpuSupport says what is known", () => {
    const gpu = vmSize("Standard_NC6", { gpus: 1, vCpus: 6 });
    const onGpu = pool((p) => void (p.vmSize = "Standard_NC6"));
    expect(poolIssues("vmSize.gpuImageLacksGpuSupport", onGpu, ctx(gpu))).toEqual([]);
    const noDriver = {
      ...ctx(gpu),
      supportedImages: [{ ...ubuntuContainerImage, capabilities: ["DockerCompatible"] }],
    };
    expect(poolIssues("vmSize.gpuImageLacksGpuSupport", onGpu, noDriver)).toEqual([
      expect.objectContaining({
        level: "info",
        message: expect.stringMatching(/NvidiaTeslaDriverInstalled/),
      }),
    ]);
    const sigGpu = pool((p) => {
      p.vmSize = "Standard_NC6";
      p.image = {
        kind: "gallery",
        imageId: "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/galleries/g/images/d",
      };
    });
    expect(poolIssues("vmSize.gpuImageLacksGpuSupport", sigGpu, ctx(gpu))[0]?.message).toMatch(
      /cannot tell.*NVIDIA Docker/,
    );
    expect(poolIssues("vmSize.gpuImageLacksGpuSupport", pool(), ctx())).toEqual([]);
  });
});
