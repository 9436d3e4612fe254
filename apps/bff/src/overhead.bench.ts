/**
 * BFF overhead: the same read (list pools) through the BFF's API vs. @azure/batch straight to the
 * emulator with the same OBO token; then requests per second on that read route through the BFF.
 * Run: pnpm --filter @batch-studio/bff exec tsx src/overhead.bench.ts   (prints one JSON line)
 */
import { apiPaths } from "@batch-studio/shared";
import { benchSession, summarize, timeMs } from "./testing/bench-support";
import { startLocalStack } from "./testing/local-stack";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 400);
const RPS_SECONDS = Number(process.env.BENCH_RPS_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

const stack = await startLocalStack({ overrides: { logLevel: "warn" }, separateEmulator: true, runtime: "process" });
try {
  const s = await benchSession(stack);
  const path = apiPaths.pools(s.accountId);
  const viaBff = async () => {
    const res = await s.api(path);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`BFF answered ${res.status}`);
  };
  const direct = () => s.direct.pool.list({ poolListOptions: { select: "id,displayName,vmSize,state,allocationState,currentDedicatedNodes,currentLowPriorityNodes,targetDedicatedNodes,targetLowPriorityNodes,creationTime,virtualMachineConfiguration,resizeErrors" } });
  for (let i = 0; i < 50; i++) {
    await viaBff();
    await direct();
  }
  const bff: number[] = [];
  const dir: number[] = [];
  // Interleaved so both see the same machine load.
  for (let i = 0; i < ROUNDS; i++) {
    bff.push(await timeMs(viaBff));
    dir.push(await timeMs(direct));
  }
  const b = summarize(bff);
  const d = summarize(dir);

  const requestsPerSecond = async (request: () => Promise<unknown>) => {
    let done = 0;
    const until = Date.now() + RPS_SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (Date.now() < until) {
          await request();
          done++;
        }
      }),
    );
    return Math.round(done / RPS_SECONDS);
  };
  const poolsRps = await requestsPerSecond(viaBff);
  // The BFF's own ceiling: a route that verifies the token and answers without calling Batch.
  const meRps = await requestsPerSecond(async () => (await s.api(apiPaths.me())).arrayBuffer());
  console.log(
    JSON.stringify({
      bench: "bff-overhead",
      route: "GET /api/accounts/:account/pools",
      bffMs: b,
      directMs: d,
      ratioP50: +(b.p50 / d.p50).toFixed(2),
      ratioP99: +(b.p99 / d.p99).toFixed(2),
      requestsPerSecond: poolsRps,
      requestsPerSecondMe: meRps,
      concurrency: CONCURRENCY,
      loadAverage: (await import("node:os")).loadavg().map((l) => +l.toFixed(1)),
    }),
  );
} finally {
  await stack.close();
}
