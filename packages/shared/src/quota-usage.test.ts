import { describe, expect, it } from "vitest";
import type { PoolSummary, VmSizeInfo } from "./api";
import { quotaUsage, share } from "./quota-usage";

const size = (name: string, family: string, vCpus: number): VmSizeInfo => ({ name, family, vCpus, memoryGiB: vCpus * 4, gpus: 0, rdma: false, lowPriorityCapable: true });
const pool = (id: string, vmSize: string, nodes: { cd?: number; td?: number; cs?: number; ts?: number }): PoolSummary => ({
  id,
  vmSize,
  state: "active",
  allocationState: "steady",
  currentDedicatedNodes: nodes.cd ?? 0,
  targetDedicatedNodes: nodes.td ?? nodes.cd ?? 0,
  currentSpotNodes: nodes.cs ?? 0,
  targetSpotNodes: nodes.ts ?? nodes.cs ?? 0,
  isContainerPool: true,
  resizeErrors: [],
});
const sizes = [size("Standard_D2s_v3", "standardDSv3Family", 2), size("Standard_D8s_v3", "standardDSv3Family", 8), size("Standard_F4s_v2", "standardFSv2Family", 4)];
const quotas = {
  dedicatedCoreQuota: 200,
  lowPriorityCoreQuota: 100,
  dedicatedCoreQuotaPerVmFamilyEnforced: true,
  dedicatedCoreQuotaPerVmFamily: [
    { family: "standardDSv3Family", coreQuota: 100 },
    { family: "standardFSv2Family", coreQuota: 50 },
    { family: "standardHBrsv3Family", coreQuota: 0 },
  ],
};

describe("quotaUsage", () => {
  it("charges dedicated nodes to their family and the total, Spot nodes to the Spot quota only", () => {
    const u = quotaUsage(quotas, [pool("a", "standard_d2s_v3", { cd: 3, cs: 5 }), pool("b", "STANDARD_D8S_V3", { cd: 2, td: 4 }), pool("c", "Standard_F4s_v2", { cs: 2 })], sizes);
    expect(u.dedicated).toEqual({ used: 3 * 2 + 2 * 8, target: 3 * 2 + 4 * 8, limit: 200 });
    expect(u.spot).toEqual({ used: 5 * 2 + 2 * 4, target: 18, limit: 100 });
    expect(u.families.map((f) => [f.family, f.used, f.target, f.limit, f.pools])).toEqual([
      ["standardDSv3Family", 22, 38, 100, ["a", "b"]],
      // F-family holds only a Spot pool: no dedicated cores, but listed (enforced accounts list all pools by family).
      ["standardFSv2Family", 0, 0, 50, ["c"]],
      ["standardHBrsv3Family", 0, 0, 0, []],
    ]);
    expect(u.uncounted).toEqual([]);
  });

  it("orders families in use first, fullest first", () => {
    const u = quotaUsage(quotas, [pool("a", "Standard_D2s_v3", { cd: 5 }), pool("f", "Standard_F4s_v2", { cd: 10 })], sizes);
    expect(u.families.map((f) => f.family)).toEqual(["standardFSv2Family", "standardDSv3Family", "standardHBrsv3Family"]);
  });

  it("lists pools whose VM size it cannot count, and shows families without enforcement unlimited", () => {
    const u = quotaUsage({ dedicatedCoreQuota: 20 }, [pool("old", "Standard_A1", { cd: 1 }), pool("a", "Standard_D2s_v3", { cd: 1 })], sizes);
    expect(u.uncounted).toEqual([{ pool: "old", vmSize: "Standard_A1" }]);
    expect(u.families).toEqual([{ family: "standardDSv3Family", used: 2, target: 2, limit: undefined, pools: ["a"] }]);
    expect(u.spot.limit).toBeUndefined();
  });

  it("computes bar shares, a used zero quota as full", () => {
    expect(share({ used: 5, limit: 20 })).toBe(0.25);
    expect(share({ used: 0, limit: 0 })).toBe(0);
    expect(share({ used: 4, limit: 0 })).toBe(1);
    expect(share({ used: 4, limit: undefined })).toBeUndefined();
  });
});
