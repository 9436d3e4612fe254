import { describe, expect, it } from "vitest";
import type { AccountQuotaFact } from "../../validation-context";
import { pool, poolIssues, vmSize } from "../test-support";

const sized = (dedicated: number, spot: number) =>
  pool((p) => void (p.scale = { dedicated, spot, resizeTimeout: "PT15M" }));
const ctx = (quota: AccountQuotaFact) => ({ vmSizes: [vmSize("Standard_D2_v2", { vCpus: 2 })], quota });

describe("quota rules", () => {
  it("quota.dedicatedCores against the account quota", () => {
    expect(
      poolIssues("quota.dedicatedCores", sized(10, 0), ctx({ dedicatedCores: 20, lowPriorityCores: 0 })),
    ).toEqual([]);
    expect(
      poolIssues(
        "quota.dedicatedCores",
        sized(10, 0),
        ctx({ dedicatedCores: 20, lowPriorityCores: 0, usedDedicatedCores: 4 }),
      ),
    ).toEqual([
      expect.objectContaining({
        path: ["scale", "dedicated"],
        level: "error",
        message: expect.stringMatching(/need 20 cores.*16 left.*at most 8/),
      }),
    ]);
  });
  it("quota.dedicatedCores against the per-family quota when enforced", () => {
    const family = {
      dedicatedCores: 1000,
      lowPriorityCores: 0,
      perFamilyDedicatedCores: { standardDv2Family: 8 },
    };
    expect(poolIssues("quota.dedicatedCores", sized(5, 0), ctx(family))[0]?.message).toMatch(
      /standardDv2Family/,
    );
    expect(poolIssues("quota.dedicatedCores", sized(4, 0), ctx(family))).toEqual([]);
  });
  it("quota.spotCores", () => {
    expect(
      poolIssues("quota.spotCores", sized(0, 6), ctx({ dedicatedCores: 0, lowPriorityCores: 10 })),
    ).toEqual([expect.objectContaining({ path: ["scale", "spot"] })]);
    expect(
      poolIssues("quota.spotCores", sized(0, 5), ctx({ dedicatedCores: 0, lowPriorityCores: 10 })),
    ).toEqual([]);
  });
  it("quota.pools", () => {
    expect(
      poolIssues("quota.pools", pool(), {
        quota: { dedicatedCores: 1, lowPriorityCores: 1, poolQuota: 100, poolCount: 100 },
      }),
    ).toHaveLength(1);
    expect(
      poolIssues("quota.pools", pool(), {
        quota: { dedicatedCores: 1, lowPriorityCores: 1, poolQuota: 100, poolCount: 99 },
      }),
    ).toEqual([]);
  });
});

describe("quota fixes", () => {
  it("offer the node count that fits", () => {
    const [issue] = poolIssues(
      "quota.dedicatedCores",
      sized(10, 0),
      ctx({ dedicatedCores: 20, lowPriorityCores: 0, usedDedicatedCores: 4 }),
    );
    expect(issue?.fix?.patch).toEqual([{ path: ["scale", "dedicated"], value: 8 }]);
    const [spot] = poolIssues(
      "quota.spotCores",
      sized(0, 6),
      ctx({ dedicatedCores: 0, lowPriorityCores: 10 }),
    );
    expect(spot?.fix?.patch).toEqual([{ path: ["scale", "spot"], value: 5 }]);
  });
});
