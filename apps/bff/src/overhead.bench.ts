/**
 * BFF overhead: the same read (list pools) through the BFF's API vs. @azure/batch straight to the
 * emulator with the same OBO token; then requests per second on that read route through the BFF,
 * on /api/me (the BFF's own ceiling) and straight to the emulator (the emulator's ceiling).
 * Run: pnpm --filter @batch-studio/bff exec tsx src/overhead.bench.ts   (prints one JSON line)
 *
 * Fairness: the BFF is called with undici's request API over a keep-alive pool, and its JSON
 * answer is parsed, as the SDK parses and deserialises the direct answer. Global `fetch` cost about
 * 0.4 ms more CPU per call here, spent in this process (where the BFF runs), so it measured the
 * client as much as the BFF. The direct call uses the transport the BFF gives its own SDK clients,
 * so the ratio is what the extra hop costs; `directSdkDefaultsMs` is the SDK with its own
 * node-fetch transport, for reference. The emulator runs in its own process.
 * `requestsPerSecondClientInWorker` runs the same load from a worker thread (the BFF's event loop
 * then runs only the BFF); `cpuMsPerRequest`/`corePercent` show which process was the limit.
 * `meMs` vs `bareHttpMs` isolate the hop: sequential GET /api/me against a bare node:http server
 * sending the same JSON (the difference is Express, middleware and token check, no Batch call).
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import { Worker } from "node:worker_threads";
import { BatchServiceClient } from "@azure/batch";
import { Agent, request } from "undici";
import { apiUrl } from "@batch-studio/shared";
import { batchCredentials } from "./auth/downstream-credentials";
import { POOL_SUMMARY_SELECT } from "./gateways/batch-mapping";
import { BatchHttpClient, createBatchDispatcher } from "./gateways/batch-transport";
import { benchSession, summarize, timeMs } from "./testing/bench-support";
import { startLocalStack } from "./testing/local-stack";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 400);
const RPS_SECONDS = Number(process.env.BENCH_RPS_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

const load = () => loadavg().map((l) => +l.toFixed(1));
/** CPU ms a process has used (Linux /proc; undefined elsewhere). */
const processCpuMs = (pid: number): number | undefined => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, USER_HZ = 100
  } catch {
    return undefined;
  }
};

const loadAtStart = load();
const stack = await startLocalStack({ overrides: { logLevel: "warn" }, separateEmulator: true, runtime: "process" });
const dispatcher = createBatchDispatcher();
const client = new Agent({ connections: CONCURRENCY });
try {
  const s = await benchSession(stack, new BatchHttpClient(dispatcher));
  const sdkDefaults = new BatchServiceClient(batchCredentials(stack.bff.services.tokens, s.operator), s.batchUrl, { noRetryPolicy: true });
  const url = `${stack.bffUrl}${apiUrl("pools", { account: s.accountId })}`;
  const get = async (target: string) => {
    const res = await request(target, { dispatcher: client, headers: s.headers });
    const body: unknown = await res.body.json();
    if (res.statusCode !== 200) throw new Error(`BFF answered ${res.statusCode}: ${JSON.stringify(body)}`);
    return body;
  };
  const viaBff = () => get(url);
  const options = { poolListOptions: { select: POOL_SUMMARY_SELECT } };
  const direct = () => s.direct.pool.list(options);
  const directSdkDefaults = () => sdkDefaults.pool.list(options);
  for (let i = 0; i < 50; i++) {
    await viaBff();
    await direct();
    await directSdkDefaults();
  }
  const bff: number[] = [];
  const dir: number[] = [];
  const dirDefaults: number[] = [];
  // Interleaved so all three see the same machine load.
  for (let i = 0; i < ROUNDS; i++) {
    bff.push(await timeMs(viaBff));
    dir.push(await timeMs(direct));
    dirDefaults.push(await timeMs(directSdkDefaults));
  }
  // The hop itself: GET /api/me (token check, no Batch call) vs. a bare node:http server in this
  // process answering the same JSON, both sequential over the same kind of keep-alive pool.
  const meBody = JSON.stringify(await get(`${stack.bffUrl}${apiUrl("me", {})}`));
  const bare = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(meBody) });
    res.end(meBody);
  });
  await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
  const meSamples: number[] = [];
  const bareSamples: number[] = [];
  try {
    for (let i = 0; i < 50; i++) await Promise.all([get(`${stack.bffUrl}${apiUrl("me", {})}`), get(bareUrl)]);
    for (let i = 0; i < ROUNDS; i++) {
      meSamples.push(await timeMs(() => get(`${stack.bffUrl}${apiUrl("me", {})}`)));
      bareSamples.push(await timeMs(() => get(bareUrl)));
    }
  } finally {
    bare.closeAllConnections();
    await new Promise((resolve) => bare.close(resolve));
  }
  const b = summarize(bff);
  const d = summarize(dir);
  const dd = summarize(dirDefaults);

  /** Requests/s at CONCURRENCY, and CPU ms per request spent in this process and in the emulator's. */
  const throughput = async (call: () => Promise<unknown>) => {
    let done = 0;
    const cpu0 = process.cpuUsage();
    const emulator0 = processCpuMs(stack.endpoints.pid);
    const started = Date.now();
    const until = started + RPS_SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (Date.now() < until) {
          await call();
          done++;
        }
      }),
    );
    const elapsed = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const emulator1 = processCpuMs(stack.endpoints.pid);
    const benchMs = (cpu.user + cpu.system) / 1000;
    const emulatorMs = emulator0 !== undefined && emulator1 !== undefined ? emulator1 - emulator0 : undefined;
    const perRequest = (ms: number) => +(ms / done).toFixed(3);
    // Share of one core each process got: well under 100 % for this process means it was waiting
    // (on the emulator, or for a core other work on the machine held), not computing.
    const share = (ms: number) => Math.round(ms / (elapsed * 10));
    return {
      rps: Math.round(done / elapsed),
      cpuMsPerRequest: { benchProcess: perRequest(benchMs), ...(emulatorMs !== undefined ? { emulator: perRequest(emulatorMs) } : {}) },
      corePercent: { benchProcess: share(benchMs), ...(emulatorMs !== undefined ? { emulator: share(emulatorMs) } : {}) },
    };
  };
  /** The same load from a worker thread: what the BFF serves when its event loop runs only the BFF. */
  const fromWorker = (job: { url: string; headers: Record<string, string>; concurrency: number; seconds: number }) =>
    new Promise<number>((resolve, reject) => {
      const worker = new Worker(new URL("./testing/load-worker.mjs", import.meta.url), { workerData: job });
      worker.once("message", (m: { done: number; elapsedMs: number }) => resolve(Math.round(m.done / (m.elapsedMs / 1000))));
      worker.once("error", reject);
    });
  const pools = await throughput(viaBff);
  // The BFF's own ceiling: a route that verifies the token and answers without calling Batch.
  const me = await throughput(() => get(`${stack.bffUrl}${apiUrl("me", {})}`));
  // The emulator's ceiling on this machine: the same list straight to it, no BFF in between.
  const straight = await throughput(direct);
  const poolsClientInWorker = await fromWorker({ url, headers: s.headers, concurrency: CONCURRENCY, seconds: RPS_SECONDS });
  console.log(
    JSON.stringify({
      bench: "bff-overhead",
      route: "GET /api/accounts/:account/pools",
      bffMs: b,
      directMs: d,
      directSdkDefaultsMs: dd,
      meMs: summarize(meSamples),
      bareHttpMs: summarize(bareSamples),
      ratioP50: +(b.p50 / d.p50).toFixed(2),
      ratioP99: +(b.p99 / d.p99).toFixed(2),
      ratioP50VsSdkDefaults: +(b.p50 / dd.p50).toFixed(2),
      requestsPerSecond: pools.rps,
      requestsPerSecondMe: me.rps,
      requestsPerSecondDirect: straight.rps,
      requestsPerSecondClientInWorker: poolsClientInWorker,
      cpuMsPerRequest: { viaBff: pools.cpuMsPerRequest, direct: straight.cpuMsPerRequest },
      corePercent: { viaBff: pools.corePercent, direct: straight.corePercent },
      concurrency: CONCURRENCY,
      client: "undici request, keep-alive",
      loadAverage: { start: loadAtStart, end: load() },
    }),
  );
} finally {
  await client.close();
  await dispatcher.destroy();
  await stack.close();
}
