/** Summary statistics of per-iteration timings (nanoseconds as bigint, from process.hrtime.bigint). */
export interface TimingSummary {
  iterations: number;
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
  minMs: number;
  maxMs: number;
}

const NS_PER_MS = 1e6;

/** Nearest-rank percentile of sorted values (p in 0..100). */
export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) throw new Error("no samples");
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
};

export const summarize = (samplesNs: readonly bigint[]): TimingSummary => {
  const ms = samplesNs.map((ns) => Number(ns) / NS_PER_MS).sort((a, b) => a - b);
  return {
    iterations: ms.length,
    medianMs: percentile(ms, 50),
    p95Ms: percentile(ms, 95),
    p99Ms: percentile(ms, 99),
    meanMs: ms.reduce((a, b) => a + b, 0) / ms.length,
    minMs: ms[0]!,
    maxMs: ms[ms.length - 1]!,
  };
};

/** Times `fn` `iterations` times after `warmup` untimed calls. */
export const measure = (
  fn: () => unknown,
  { warmup, iterations }: { warmup: number; iterations: number },
): TimingSummary => {
  for (let i = 0; i < warmup; i++) fn();
  const samples: bigint[] = new Array<bigint>(iterations);
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples[i] = process.hrtime.bigint() - start;
  }
  return summarize(samples);
};
