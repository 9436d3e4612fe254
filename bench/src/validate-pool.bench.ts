/**
 * validatePool on a realistic pool (50 prefetch images, 10 registries, full context).
 * Run with `pnpm --filter @batch-studio/bench bench:validate`; writes its section of docs/PERFORMANCE.md.
 */
import os from "node:os";
import { validatePool } from "@batch-studio/shared";
import { realisticContext, realisticPool } from "./realistic-pool";
import { writeReportSection } from "./report";
import { measure } from "./stats";

const GOAL_MS = 1;
const WARMUP = 2_000;
const ITERATIONS = 20_000;

const issues = validatePool(realisticPool, realisticContext);
const summary = measure(() => validatePool(realisticPool, realisticContext), {
  warmup: WARMUP,
  iterations: ITERATIONS,
});
const fmt = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
const verdict = summary.medianMs <= GOAL_MS ? "meets" : "MISSES";

const body = `## validatePool (sync rules)

Spec: ${realisticPool.container!.prefetchImages.length} prefetch images, ${realisticPool.container!.registries.length} registries, start task; context with ${realisticContext.supportedImages!.length} supported images, ${realisticContext.vmSizes!.length} VM sizes, quotas, registry and image probes. It yields ${issues.length} issues.

| iterations (after ${WARMUP} warm-up) | median | p95 | p99 | mean | min | max |
|---|---|---|---|---|---|---|
| ${summary.iterations} | ${fmt(summary.medianMs)} | ${fmt(summary.p95Ms)} | ${fmt(summary.p99Ms)} | ${fmt(summary.meanMs)} | ${fmt(summary.minMs)} | ${fmt(summary.maxMs)} |

Goal: median ≤ ${GOAL_MS} ms — ${verdict} it. Measured ${new Date().toISOString().slice(0, 10)} on Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown CPU"} (shared machine). Command: \`pnpm --filter @batch-studio/bench bench:validate\`.`;

console.log(
  `validatePool: ${issues.length} issues; median ${fmt(summary.medianMs)}, p95 ${fmt(summary.p95Ms)}, p99 ${fmt(summary.p99Ms)} over ${summary.iterations} runs (${verdict} the ${GOAL_MS} ms goal)`,
);
writeReportSection("validate-pool", body);
