import { describe, expect, it } from "vitest";
import { applyFix, applyPatches } from "./apply-fix";
import { pool, poolIssues } from "./test-support";
import { validatePool } from "./validate-pool";

describe("applyFix", () => {
  it("sets nested values without touching the input and removes on undefined", () => {
    const spec = { a: { b: [1, { c: 2 }] }, d: 1 };
    const out = applyPatches(spec, [
      { path: ["a", "b", 1, "c"], value: 3 },
      { path: ["d"], value: undefined },
      { path: ["e", "f"], value: true },
    ]);
    expect(out).toEqual({ a: { b: [1, { c: 3 }] }, e: { f: true } });
    expect(spec).toEqual({ a: { b: [1, { c: 2 }] }, d: 1 });
  });
  it("applying a rule's fix makes that rule's issue go away", () => {
    const spec = pool((p) => {
      p.scale = { dedicated: 2000, spot: 0, resizeTimeout: "PT15M" };
      p.container = {
        prefetchImages: [],
        registries: [
          { server: "https://myacr.azurecr.io/", auth: { kind: "password", username: "u", password: "p" } },
        ],
      };
    });
    for (const code of ["scale.resizeTimeout.perThousandNodes", "registry.serverFormat"]) {
      const [issue] = poolIssues(code, spec);
      expect(issue?.fix).toBeDefined();
      expect(poolIssues(code, applyFix(spec, issue!.fix!))).toEqual([]);
    }
    const fixable = validatePool(spec).filter((i) => i.fix);
    expect(fixable.length).toBeGreaterThanOrEqual(2);
  });
});
