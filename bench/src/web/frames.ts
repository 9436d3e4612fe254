import { distribution, type Distribution } from "./distribution";

/** What a run of requestAnimationFrame timestamps says about smoothness. */
export interface FrameAnalysis {
  frames: number;
  /** Frame-to-frame intervals (ms). */
  intervals: Distribution;
  /** Intervals longer than `slowMs` (50 ms: a visible hitch, the long-task threshold). */
  slowFrames: number;
  /** Longest run of consecutive slow frames, in ms: a freeze the reader notices. */
  longestStallMs: number;
  fps: number;
}

/**
 * Intervals between consecutive rAF timestamps (ms, increasing). Needs at least two frames: a
 * recorder that saw fewer did not measure anything, and the caller must say so.
 */
export const analyzeFrames = (timestamps: readonly number[], slowMs = 50): FrameAnalysis => {
  if (timestamps.length < 2) throw new Error(`need at least two frames, got ${timestamps.length}`);
  const intervals: number[] = [];
  for (let i = 1; i < timestamps.length; i++) {
    const dt = timestamps[i]! - timestamps[i - 1]!;
    if (dt < 0) throw new Error(`frame timestamps go backwards at ${i}`);
    intervals.push(dt);
  }
  let stall = 0;
  let longestStallMs = 0;
  for (const dt of intervals) {
    stall = dt > slowMs ? stall + dt : 0;
    longestStallMs = Math.max(longestStallMs, stall);
  }
  const spanMs = timestamps[timestamps.length - 1]! - timestamps[0]!;
  return {
    frames: timestamps.length,
    intervals: distribution(intervals),
    slowFrames: intervals.filter((dt) => dt > slowMs).length,
    longestStallMs: Math.round(longestStallMs),
    fps: spanMs > 0 ? Math.round((intervals.length / spanMs) * 1000 * 10) / 10 : 0,
  };
};
