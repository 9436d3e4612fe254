import { describe, expect, it } from "vitest";
import { analyzeFrames } from "./frames";

const at = (intervals: number[]) => intervals.reduce<number[]>((ts, dt) => [...ts, ts[ts.length - 1]! + dt], [1000]);

describe("analyzeFrames", () => {
  it("a steady 60 Hz run has no slow frames", () => {
    const result = analyzeFrames(at(Array.from({ length: 120 }, () => 16.7)));
    expect(result.frames).toBe(121);
    expect(result.intervals.median).toBeCloseTo(16.7, 1);
    expect(result.slowFrames).toBe(0);
    expect(result.longestStallMs).toBe(0);
    expect(result.fps).toBeCloseTo(59.9, 0);
  });
  it("counts frames over the threshold and the longest run of them", () => {
    const result = analyzeFrames(at([16, 16, 60, 120, 16, 55, 16]));
    expect(result.slowFrames).toBe(3);
    expect(result.longestStallMs).toBe(180);
    expect(result.intervals.max).toBe(120);
  });
  it("the threshold is strict and configurable", () => {
    expect(analyzeFrames(at([50, 50, 51])).slowFrames).toBe(1);
    expect(analyzeFrames(at([50, 50, 51]), 20).slowFrames).toBe(3);
  });
  it("fails loudly when nothing was recorded or time runs backwards", () => {
    expect(() => analyzeFrames([5])).toThrow(/two frames/);
    expect(() => analyzeFrames([5, 3])).toThrow(/backwards/);
  });
});
