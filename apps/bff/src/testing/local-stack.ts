import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import {
  BFF_API_SCOPE,
  BFF_CLIENT_ID,
  DEFAULT_BFF_CLIENT_SECRET,
  SPA_CLIENT_ID,
  headlessSignIn,
  startAzurite,
  startLocalAzure,
  type LocalAzureEndpoints,
  type LocalAzureSeed,
} from "@batch-studio/emulator";
import { createBffApp, type BffApp } from "../app";
import type { BffConfig } from "../config";

/**
 * The real local stack for integration tests and benchmarks: the emulator (identity, ARM, Batch)
 * on random ports and the BFF in-process pointed at it exactly as a deployment would be
 * (only configuration differs from Azure).
 */
export interface LocalStack {
  endpoints: LocalAzureEndpoints;
  bff: BffApp;
  bffUrl: string;
  config: BffConfig;
  logs: string[];
  signIn(name?: string): Promise<string>;
  close(): Promise<void>;
}

export const SPA_ORIGIN = "http://localhost:4300";

export const localBffConfig = (e: LocalAzureEndpoints, overrides: Partial<BffConfig> = {}): BffConfig => ({
  authority: e.identity.authority,
  tenantId: e.identity.tenantId,
  clientId: BFF_CLIENT_ID,
  spa: { clientId: SPA_CLIENT_ID, apiScope: BFF_API_SCOPE },
  clientCredential: { secret: DEFAULT_BFF_CLIENT_SECRET },
  apiAudiences: [BFF_CLIENT_ID, `api://${BFF_CLIENT_ID}`],
  knownAuthorities: e.identity.knownAuthorities,
  authorityMetadata: e.identity.authorityMetadata,
  armEndpoint: e.arm.url,
  batchScheme: "http",
  accounts: { discovery: "arm" },
  registry: { allowedHosts: ["127.0.0.1", "localhost"], privateAddresses: "loopback" },
  allowedOrigins: [SPA_ORIGIN],
  host: "127.0.0.1",
  port: 0,
  spaDir: "/nonexistent-spa-dir",
  rateLimitPerMinute: 100_000,
  failedAuthPerMinute: 100,
  trustedProxies: [],
  checkResponses: true,
  jsonBodyLimit: "1mb",
  logLevel: "debug",
  emulatorRuntime: e.runtime.kind,
  ...overrides,
});

const TIME_SCALE = { nodeAllocateMs: 100, nodeBootMs: 100, stepMs: 50 };

/**
 * The emulator as its own process (as `pnpm start` runs it), so benchmarks measure the BFF without
 * sharing its event loop with the emulator. Resolves once endpoints.json names the child's pid.
 */
const startEmulatorProcess = async (dataDir: string, runtime: TaskRuntimeChoice): Promise<{ endpoints: LocalAzureEndpoints; stop: () => Promise<void> }> => {
  const require = createRequire(import.meta.url);
  // One process (tsx as a loader, not its CLI wrapper), so the pid in endpoints.json is the child's.
  const tsxLoader = pathToFileURL(require.resolve("tsx")).href;
  const main = new URL("../../../emulator/src/main.ts", import.meta.url).pathname;
  const child = spawn(process.execPath, ["--import", tsxLoader, main], {
    env: {
      ...process.env,
      BATCH_STUDIO_DATA_DIR: dataDir,
      BATCH_STUDIO_IDENTITY_PORT: "0",
      BATCH_STUDIO_ARM_PORT: "0",
      BATCH_STUDIO_BATCH_PORTS: "0,0",
      BATCH_STUDIO_SPA_ORIGINS: SPA_ORIGIN,
      BATCH_STUDIO_RUNTIME: runtime,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the emulator exited with ${child.exitCode}`);
    try {
      const endpoints = JSON.parse(await readFile(join(dataDir, "endpoints.json"), "utf8")) as LocalAzureEndpoints;
      if (endpoints.pid === child.pid) return { endpoints, stop };
    } catch {
      // not written yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error("the emulator did not start within 60 s");
};

export interface LocalStackOptions {
  overrides?: Partial<BffConfig>;
  followIntervalMs?: number;
  /** Run the emulator in a child process instead of in this one (benchmarks). */
  separateEmulator?: boolean;
  /**
   * How the emulator runs tasks. "auto" uses Docker when an engine answers; tests about the BFF
   * rather than containers pick "process" so a public image name like busybox needs no registry.
   */
  runtime?: TaskRuntimeChoice;
  /** Object ids the emulator's ARM treats as Readers only (their ARM writes answer 403). */
  armReaders?: string[];
  /** The emulator's world, when a test needs another than the default (in-process emulator only). */
  seed?: LocalAzureSeed;
  /** Start Azurite and link the seeded storage accounts as auto-storage (in-process emulator only). */
  storage?: boolean;
}

type TaskRuntimeChoice = "auto" | "docker" | "process";

export const startLocalStack = async (options: LocalStackOptions = {}): Promise<LocalStack> => {
  const dataDir = await mkdtemp(join(tmpdir(), "bff-stack-"));
  let endpoints: LocalAzureEndpoints;
  let stopEmulator: () => Promise<void>;
  if (options.separateEmulator) {
    ({ endpoints, stop: stopEmulator } = await startEmulatorProcess(dataDir, options.runtime ?? "auto"));
  } else {
    const azurite = options.storage ? await startAzurite({ location: join(dataDir, "azurite") }) : undefined;
    const azure = await startLocalAzure({ dataDir, ports: { identity: 0, arm: 0, batch: [0, 0] }, spaOrigins: [SPA_ORIGIN], timeScale: TIME_SCALE, runtime: options.runtime ?? "auto", armReaders: options.armReaders, ...(options.seed ? { seed: options.seed } : {}), ...(azurite ? { storage: azurite } : {}) });
    endpoints = azure.endpoints;
    stopEmulator = async () => {
      await azure.close();
      await azurite?.close();
    };
  }
  const config = localBffConfig(endpoints, options.overrides);
  const logs: string[] = [];
  const bff = createBffApp(config, {
    followIntervalMs: options.followIntervalMs ?? 250,
    logDestination: new Writable({
      write: (chunk, _enc, cb) => {
        logs.push(String(chunk));
        cb();
      },
    }),
  });
  const { url } = await bff.listen(0, "127.0.0.1");
  return {
    endpoints,
    bff,
    bffUrl: url,
    config,
    logs,
    signIn: async (name = "Ada Lovelace") =>
      (await headlessSignIn({ issuer: endpoints.identity.issuer, redirectUri: `${SPA_ORIGIN}/redirect.html`, typedName: name })).tokens.access_token,
    close: async () => {
      await bff.close();
      await stopEmulator();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
