import { percentile } from "../stats";

/** Milliseconds samples summarized the way the browser benches report them. */
export interface Distribution {
  count: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Nearest-rank percentiles (stats.ts) of millisecond samples, rounded to 0.1 ms. */
export const distribution = (samples: readonly number[]): Distribution => {
  if (samples.length === 0) throw new Error("no samples to summarize");
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    median: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1]!),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
};
