import { describe, expect, it } from "vitest";
import { distribution } from "./distribution";

describe("distribution", () => {
  it("summarizes unsorted millisecond samples with nearest-rank percentiles", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(distribution(samples)).toEqual({ count: 100, median: 50, p95: 95, p99: 99, max: 100, mean: 50.5 });
  });
  it("rounds to a tenth of a millisecond and leaves the input alone", () => {
    const samples = [3.14159, 1.05, 2.25];
    expect(distribution(samples)).toMatchObject({ median: 2.3, max: 3.1, mean: 2.1 });
    expect(samples).toEqual([3.14159, 1.05, 2.25]);
  });
  it("refuses to summarize nothing", () => {
    expect(() => distribution([])).toThrow(/no samples/);
  });
});
