import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { poolSpecArb } from "../testing/arbitraries";
import type { ValidationContext } from "../validation-context";
import { hasErrors } from "../validation-result";
import { ruleCatalog } from "./index";
import { pool, ubuntuContainerImage, vmSize } from "./test-support";
import { validatePool } from "./validate-pool";

const fullContext: ValidationContext = {
  now: "2026-11-23T00:00:00Z",
  accountRegion: "westeurope",
  authMode: "entra",
  supportedImages: [ubuntuContainerImage],
  vmSizes: [vmSize("Standard_D2_v2")],
  quota: { dedicatedCores: 100, lowPriorityCores: 100, poolQuota: 10, poolCount: 1 },
  registries: [{ server: "myacr.azurecr.io", status: "ok" }],
  images: [{ reference: "myacr.azurecr.io/app:1", status: "found" }],
  poolIdTaken: false,
};

describe("validatePool", () => {
  it("a well-formed container pool with a full, happy context has no issues", () => {
    expect(validatePool(pool(), fullContext)).toEqual([]);
  });
  it("is pure: same input, same output, input untouched", () => {
    const spec = pool((p) => void (p.scale = { dedicated: 3000, spot: 0, resizeTimeout: "PT1M" }));
    const before = structuredClone(spec);
    expect(validatePool(spec, fullContext)).toEqual(validatePool(spec, fullContext));
    expect(spec).toEqual(before);
    expect(hasErrors(validatePool(spec, fullContext))).toBe(true);
  });
  it("never throws and emits only catalogued codes for any valid spec", () => {
    const codes = new Set(ruleCatalog().map((r) => r.code));
    fc.assert(
      fc.property(poolSpecArb, (spec) =>
        validatePool(spec, fullContext).every((i) => codes.has(i.code) && i.message.length > 0),
      ),
      { numRuns: 500 },
    );
  });
  it("never puts a registry password in a message", () => {
    const spec = pool(
      (p) =>
        void (p.container = {
          prefetchImages: ["https://bad"],
          registries: [
            { server: "https://x.io/", auth: { kind: "password", username: "u", password: "s3cr3t-value" } },
          ],
        }),
    );
    expect(
      JSON.stringify(
        validatePool(spec, { ...fullContext, registries: [{ server: "x.io", status: "unauthorized" }] }),
      ),
    ).not.toContain("s3cr3t-value");
  });
  it("the catalog has unique codes, each with a summary and a source", () => {
    const catalog = ruleCatalog();
    expect(new Set(catalog.map((r) => r.code)).size).toBe(catalog.length);
    for (const rule of catalog) expect(rule.summary.length * rule.source.length).toBeGreaterThan(0);
  });
});

describe("fixes", () => {
  it("applying any fix removes the issue it was offered for", async () => {
    const { applyFix } = await import("./apply-fix");
    const context: ValidationContext = {
      ...fullContext,
      vmSizes: ["STANDARD_D1_V2", "Standard_NC6", "Standard_D2s_v3"].map((n) => vmSize(n)),
      quota: { dedicatedCores: 50, lowPriorityCores: 20 },
      supportedImages: [{ ...ubuntuContainerImage, nodeAgentSkuId: "batch.node.ubuntu 18.04" }],
    };
    const fixedCodes = new Set<string>();
    fc.assert(
      fc.property(poolSpecArb, (spec) => {
        for (const issue of validatePool(spec, context)) {
          if (!issue.fix) continue;
          fixedCodes.add(issue.code);
          const again = validatePool(applyFix(spec, issue.fix), context);
          if (
            again.some((i) => i.code === issue.code && JSON.stringify(i.path) === JSON.stringify(issue.path))
          )
            return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
    // The property only means something if fixes were exercised.
    expect([...fixedCodes].sort()).toEqual(
      expect.arrayContaining([
        "container.dockerHubHostRequired",
        "image.marketplace.nodeAgentSkuMismatch",
        "quota.dedicatedCores",
        "scale.resizeTimeout.perThousandNodes",
      ]),
    );
  });
});
