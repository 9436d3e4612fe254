import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jobSpecArb, mutateAt, pathsOf, poolSpecArb, taskSpecArb } from "../testing/arbitraries";
import { parseJobSpec, parsePoolSpec, parseTaskSpec } from "./parse-spec";

const mutated = <T>(arb: fc.Arbitrary<T>) =>
  fc.tuple(arb, fc.nat(), fc.option(fc.jsonValue(), { nil: undefined })).map(([spec, pick, replacement]) => {
    const paths = pathsOf(spec);
    return mutateAt(spec, paths[pick % paths.length]!, replacement);
  });

const isIssueList = (issues: unknown[]): boolean =>
  issues.length > 0 &&
  issues.every(
    (i) =>
      typeof i === "object" &&
      i !== null &&
      Array.isArray((i as { path: unknown }).path) &&
      (i as { level: unknown }).level === "error",
  );

describe("parsePoolSpec / parseTaskSpec / parseJobSpec", () => {
  it("accepts the Microsoft Learn minimal pool and applies defaults", () => {
    const result = parsePoolSpec({
      id: "mypool",
      vmSize: "STANDARD_D1_V2",
      image: {
        kind: "marketplace",
        publisher: "microsoft-azure-batch",
        offer: "ubuntu-server-container",
        sku: "16-04-lts",
      },
      nodeAgentSkuId: "batch.node.ubuntu 16.04",
      container: {},
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        image: { version: "latest" },
        container: { prefetchImages: [], registries: [] },
        scale: { resizeTimeout: "PT15M" },
      },
    });
  });

  it("reports paths, codes and messages", () => {
    const result = parsePoolSpec({
      id: "bad id!",
      vmSize: "",
      image: { kind: "vhd" },
      nodeAgentSkuId: "x",
      scale: { dedicated: -1 },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: ["id"],
          level: "error",
          code: "schema.invalid_format",
          message: expect.stringMatching(/letters, digits/),
        }),
        expect.objectContaining({ path: ["vmSize"], message: "VM size is required" }),
        expect.objectContaining({ path: ["image", "kind"] }),
        expect.objectContaining({
          path: ["scale", "dedicated"],
          message: "dedicated nodes cannot be negative",
        }),
      ]),
    );
  });

  it("task ids are at most 64 characters", () => {
    expect(parseTaskSpec({ id: "t".repeat(64) }).ok).toBe(true);
    expect(parseTaskSpec({ id: "t".repeat(65) })).toMatchObject({
      ok: false,
      issues: [{ path: ["id"], message: "Task id must be at most 64 characters" }],
    });
    expect(parseJobSpec({ id: "j", poolId: "p" })).toMatchObject({
      ok: true,
      value: { priority: 0, maxParallelTasks: -1 },
    });
  });

  it("valid specs parse to themselves", () => {
    fc.assert(
      fc.property(poolSpecArb, (spec) => {
        expect(parsePoolSpec(spec)).toEqual({ ok: true, value: spec });
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(taskSpecArb, (spec) => {
        expect(parseTaskSpec(spec)).toEqual({ ok: true, value: spec });
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(jobSpecArb, (spec) => {
        expect(parseJobSpec(spec)).toEqual({ ok: true, value: spec });
      }),
      { numRuns: 300 },
    );
  });

  it("never throws for any JSON value and returns issues with paths when invalid (10,000 cases)", () => {
    const input = fc.oneof(fc.jsonValue(), mutated(poolSpecArb), mutated(taskSpecArb), mutated(jobSpecArb));
    fc.assert(
      fc.property(input, (json) => {
        for (const parse of [parsePoolSpec, parseTaskSpec, parseJobSpec]) {
          const result = parse(json);
          if (!result.ok && !isIssueList(result.issues)) return false;
        }
        return true;
      }),
      { numRuns: 10_000 },
    );
  });
});
