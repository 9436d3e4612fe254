/**
 * A load generator on its own thread (benchmarks): GETs one URL at a fixed concurrency for a fixed
 * time and reports how many answered 200, so the client's CPU is not spent on the BFF's event loop.
 * Plain JavaScript: Node 20 workers do not get tsx's loader hooks.
 * workerData: { url: string, headers: Record<string, string>, concurrency: number, seconds: number }
 */
import { parentPort, workerData } from "node:worker_threads";
import { Agent, request } from "undici";

const job = workerData;
const agent = new Agent({ connections: job.concurrency });
let done = 0;
const started = Date.now();
const until = started + job.seconds * 1000;
await Promise.all(
  Array.from({ length: job.concurrency }, async () => {
    while (Date.now() < until) {
      const res = await request(job.url, { dispatcher: agent, headers: job.headers });
      await res.body.json();
      if (res.statusCode !== 200) throw new Error(`answered ${res.statusCode}`);
      done++;
    }
  }),
);
await agent.close();
parentPort.postMessage({ done, elapsedMs: Date.now() - started });
