/**
 * The whole local stack for the browser benchmarks, started the way the e2e journeys start it
 * (e2e/support/stack-server.mjs around scripts/stack.mjs: emulator + BFF serving a private copy of
 * the built SPA), on a free block of ports of its own so it never collides with a journey run or a
 * developer's `pnpm start`. Tasks run with the process runtime: the benches need output, not
 * isolation.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BatchServiceClient, BatchSharedKeyCredentials } from "@azure/batch";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** The part of the emulator's endpoints.json the benches read. */
interface Endpoints {
  accounts: { name: string; url: string; key: string }[];
  runtime: { kind: string };
}

export interface WebStack {
  portalUrl: string;
  /** The Batch account the portal's journeys use (e2e/support/session.ts ACCOUNT_NAME). */
  accountName: string;
  /** Real @azure/batch client on that account (shared key, as an operator's script would use). */
  batch: BatchServiceClient;
  /** Where the emulator keeps task files (the stack's data folder). */
  dataDir: string;
  runtime: string;
  /** stack.mjs's own lines (`[stack] …`: readiness, a part that died and its restart), all of them. */
  stackLines(): string[];
  stop(): Promise<void>;
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });

/** Offsets from e2e/support/stack-env.ts: identity, ARM, two Batch accounts, BFF. */
const OFFSETS = [0, 1, 10, 11, 30];

/** A port base in 47xx–59xx whose five ports are free (bounded tries). */
async function freePortBase(): Promise<number> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const base = 4700 + 40 * Math.floor(Math.random() * 30);
    const free = await Promise.all(OFFSETS.map((o) => portFree(base + o)));
    if (free.every(Boolean)) return base;
  }
  throw new Error("no free block of ports for the stack in 4700-5930");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, child: ChildProcess): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the stack exited (code ${child.exitCode}) while waiting for ${what}`);
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`${what} was not ready within ${timeoutMs / 1000} s`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      // The wrapper forwards SIGTERM to stack.mjs, which stops the emulator and BFF, then deletes the data folder.
      const kill = setTimeout(() => child.kill("SIGKILL"), 25_000);
      child.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill("SIGTERM");
    });
}

/** `spa: false` for benches that talk to the API only: the SPA is then not rebuilt, and not required. */
export async function startWebStack(options: { spa?: boolean } = {}): Promise<WebStack> {
  const spa = options.spa ?? true;
  const base = await freePortBase();
  // stack-env.ts reads both when it is loaded, so set them before importing it.
  process.env.BATCH_STUDIO_E2E_PORT_BASE = String(base);
  process.env.BATCH_STUDIO_E2E_DATA_DIR = join(tmpdir(), `batch-studio-bench-${process.pid}-${Date.now()}`);
  process.env.BATCH_STUDIO_RUNTIME = "process";
  const { portalUrl, dataDir, stackEnvironment } = await import("../../../e2e/support/stack-env");

  const child = spawn(process.execPath, [join(root, "e2e", "support", "stack-server.mjs")], {
    cwd: join(root, "e2e"),
    env: { ...stackEnvironment(), ...(spa ? {} : { BATCH_STUDIO_SKIP_WEB_BUILD: "1" }) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  const stackLines: string[] = [];
  const keep = () => {
    let partial = "";
    return (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      log.push(text);
      if (log.length > 400) log.splice(0, log.length - 400);
      const lines = (partial + text).split("\n");
      partial = lines.pop() ?? "";
      stackLines.push(...lines.filter((l) => l.startsWith("[stack] ")));
    };
  };
  child.stdout!.on("data", keep());
  child.stderr!.on("data", keep());
  const stop = stopper(child);
  const onSignal = () => void stop().then(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    // A clean tree builds the SPA first (minutes on two busy cores).
    await waitUntil(
      "the portal",
      async () => ((await fetch(`${portalUrl}/api/health`, { signal: AbortSignal.timeout(2000) })).ok ? true : undefined),
      420_000,
      child,
    );
    const output = log.join("");
    if (spa && /web build FAILED|web app not written|web app is not built/.test(output))
      throw new Error(`the stack runs without a fresh SPA build:\n${output.slice(-2000)}`);
    const endpoints = JSON.parse(readFileSync(join(dataDir, "endpoints.json"), "utf8")) as Endpoints;
    const { ACCOUNT_NAME } = await import("../../../e2e/support/session");
    const account = endpoints.accounts.find((a) => a.name === ACCOUNT_NAME);
    if (!account) throw new Error(`the emulator has no account ${ACCOUNT_NAME}`);
    const batch = new BatchServiceClient(new BatchSharedKeyCredentials(account.name, account.key), account.url);
    console.log(`[bench] stack up at ${portalUrl} (data ${dataDir}, ${endpoints.runtime.kind} runtime)`);
    return { portalUrl, accountName: account.name, batch, dataDir, runtime: endpoints.runtime.kind, stackLines: () => stackLines, stop };
  } catch (e) {
    await stop();
    console.error(log.join("").slice(-3000));
    throw e;
  }
}
