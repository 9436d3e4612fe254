import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { BFF_CLIENT_ID, DEFAULT_BFF_CLIENT_SECRET, headlessSignIn, startLocalAzure, type LocalAzure } from "@batch-studio/emulator";
import { createBffApp, type BffApp } from "../app";
import type { BffConfig } from "../config";

/**
 * The real local stack for integration tests and benchmarks: the emulator (identity, ARM, Batch)
 * on random ports and the BFF in-process pointed at it exactly as a deployment would be
 * (only configuration differs from Azure).
 */
export interface LocalStack {
  azure: LocalAzure;
  bff: BffApp;
  bffUrl: string;
  config: BffConfig;
  logs: string[];
  signIn(name?: string): Promise<string>;
  close(): Promise<void>;
}

export const SPA_ORIGIN = "http://localhost:4300";

export const localBffConfig = (azure: LocalAzure, overrides: Partial<BffConfig> = {}): BffConfig => ({
  authority: azure.identity.authority,
  tenantId: azure.identity.tenantId,
  clientId: BFF_CLIENT_ID,
  clientCredential: { secret: DEFAULT_BFF_CLIENT_SECRET },
  apiAudiences: [BFF_CLIENT_ID, `api://${BFF_CLIENT_ID}`],
  knownAuthorities: azure.identity.knownAuthorities,
  authorityMetadata: azure.identity.authorityMetadata,
  armEndpoint: azure.arm.url,
  batchScheme: "http",
  accounts: { discovery: "arm" },
  registry: { allowedHosts: ["127.0.0.1", "localhost"], privateAddresses: "loopback" },
  allowedOrigins: [SPA_ORIGIN],
  host: "127.0.0.1",
  port: 0,
  spaDir: "/nonexistent-spa-dir",
  rateLimitPerMinute: 100_000,
  jsonBodyLimit: "1mb",
  logLevel: "debug",
  emulatorRuntime: azure.runtimeInfo.kind,
  ...overrides,
});

export const startLocalStack = async (overrides: Partial<BffConfig> = {}, followIntervalMs = 250): Promise<LocalStack> => {
  const dataDir = await mkdtemp(join(tmpdir(), "bff-stack-"));
  const azure = await startLocalAzure({
    dataDir,
    ports: { identity: 0, arm: 0, batch: [0, 0] },
    spaOrigins: [SPA_ORIGIN],
    timeScale: { nodeAllocateMs: 100, nodeBootMs: 100, stepMs: 50 },
  });
  const config = localBffConfig(azure, overrides);
  const logs: string[] = [];
  const bff = createBffApp(config, {
    followIntervalMs,
    logDestination: new Writable({
      write: (chunk, _enc, cb) => {
        logs.push(String(chunk));
        cb();
      },
    }),
  });
  const { url } = await bff.listen(0, "127.0.0.1");
  return {
    azure,
    bff,
    bffUrl: url,
    config,
    logs,
    signIn: async (name = "Ada Lovelace") =>
      (await headlessSignIn({ issuer: azure.identity.issuer, redirectUri: `${SPA_ORIGIN}/redirect.html`, typedName: name })).tokens.access_token,
    close: async () => {
      await bff.close();
      await azure.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
