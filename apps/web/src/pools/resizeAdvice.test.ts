import { describe, expect, it } from "vitest";
import type { AccountQuotas, PoolNodeCounts, VmSizeCores } from "@batch-studio/shared";
import { resizeQuotaShortfalls, timeoutFix, timeoutProblem } from "./resizeAdvice";

describe("timeoutProblem", () => {
  it("accepts empty (Batch's default) and durations of 5 minutes or more", () => {
    expect(timeoutProblem("")).toBeUndefined();
    expect(timeoutProblem("PT5M")).toBeUndefined();
    expect(timeoutProblem("PT1H")).toBeUndefined();
  });
  it("names what is wrong", () => {
    expect(timeoutProblem("30 minutes")).toMatch(/not an ISO 8601 duration/);
    expect(timeoutProblem("PT4M")).toMatch(/at least 5 minutes/);
  });
});

describe("timeoutFix", () => {
  it("offers 15 minutes per started 1,000 nodes when the timeout is shorter", () => {
    expect(timeoutFix("PT15M", 1000)).toBeUndefined();
    expect(timeoutFix("PT15M", 2000)).toBe("PT30M");
    expect(timeoutFix("", 2001)).toBe("PT45M");
    expect(timeoutFix("PT1H", 2001)).toBeUndefined();
    expect(timeoutFix("nonsense", 3000)).toBe("PT45M");
  });
});

describe("resizeQuotaShortfalls", () => {
  const sizes: VmSizeCores[] = [
    { name: "Standard_D2s_v3", family: "standardDSv3Family", vCpus: 2 },
    { name: "Standard_D4s_v3", family: "standardDSv3Family", vCpus: 4 },
  ];
  const pool = (id: string, vmSize: string, dedicated: number, spot = 0): PoolNodeCounts => ({
    id,
    vmSize,
    currentDedicatedNodes: dedicated,
    targetDedicatedNodes: dedicated,
    currentSpotNodes: spot,
    targetSpotNodes: spot,
  });
  const quotas: AccountQuotas = {
    dedicatedCoreQuota: 100,
    lowPriorityCoreQuota: 20,
    dedicatedCoreQuotaPerVmFamilyEnforced: true,
    dedicatedCoreQuotaPerVmFamily: [{ family: "standardDSv3Family", coreQuota: 48 }],
  };
  // Batch reports VM sizes in lower case.
  const pools = [pool("mine", "standard_d2s_v3", 2), pool("other", "standard_d4s_v3", 5)];

  it("is empty when the new counts fit beside the other pools", () => {
    expect(resizeQuotaShortfalls(quotas, pools, sizes, "mine", { dedicated: 14, spot: 10 })).toEqual([]);
  });

  it("names the family quota and the most nodes that fit (the other pool's 20 cores leave 28)", () => {
    expect(resizeQuotaShortfalls(quotas, pools, sizes, "mine", { dedicated: 20, spot: 0 })).toEqual([
      { nodes: "dedicated", quota: "standardDSv3Family cores", needed: 40, available: 28, maxNodes: 14 },
    ]);
  });

  it("names only the tightest quota per node kind", () => {
    // 2,000 nodes overrun both the account's 100 cores (40 nodes fit) and the family's 48 (14 fit).
    expect(resizeQuotaShortfalls(quotas, pools, sizes, "mine", { dedicated: 2000, spot: 0 }).map((s) => s.maxNodes)).toEqual([14]);
  });

  it("checks the account's dedicated total and the Spot quota too", () => {
    const loose = { ...quotas, dedicatedCoreQuotaPerVmFamilyEnforced: false };
    expect(resizeQuotaShortfalls(loose, pools, sizes, "mine", { dedicated: 50, spot: 11 })).toEqual([
      { nodes: "dedicated", quota: "dedicated cores", needed: 100, available: 80, maxNodes: 40 },
      { nodes: "spot", quota: "Spot cores", needed: 22, available: 20, maxNodes: 10 },
    ]);
  });

  it("says nothing when the pool's VM size is not in the region's list", () => {
    expect(resizeQuotaShortfalls(quotas, [pool("mine", "standard_unknown", 1)], sizes, "mine", { dedicated: 1000, spot: 0 })).toEqual([]);
  });
});
