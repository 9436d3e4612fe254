import { describe, expect, it } from "vitest";
import { measure, percentile, summarize } from "./stats";

describe("stats", () => {
  it("nearest-rank percentiles", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(() => percentile([], 50)).toThrow();
  });
  it("summarizes nanosecond samples in milliseconds", () => {
    const summary = summarize([3_000_000n, 1_000_000n, 2_000_000n]);
    expect(summary).toEqual({
      iterations: 3,
      medianMs: 2,
      p95Ms: 3,
      p99Ms: 3,
      meanMs: 2,
      minMs: 1,
      maxMs: 3,
    });
  });
  it("measure calls the function warmup + iterations times", () => {
    let calls = 0;
    expect(measure(() => calls++, { warmup: 5, iterations: 10 }).iterations).toBe(10);
    expect(calls).toBe(15);
  });
});
