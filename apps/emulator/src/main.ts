#!/usr/bin/env -S npx tsx
/**
 * `batch-emulator`: starts the local Azure (identity, ARM, Batch accounts) from environment
 * settings, prints where everything is, and stops cleanly on Ctrl-C / SIGTERM.
 */
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";
import { startLocalAzure, type LocalAzure } from "./local-azure";
import { optionsFromEnv, CliConfigError } from "./cli-config";
import { PortInUseError } from "./listen";
import { BFF_CLIENT_ID, SPA_CLIENT_ID } from "./local-azure-constants";
import { SEEDED_OPERATORS } from "./identity";

/** Relative data folders are resolved from the repository root, so `.data/` is the same from any cwd. */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

function banner(azure: LocalAzure, dataDir: string): string {
  const e = azure.endpoints;
  const lines = [
    "Batch Studio local Azure is running",
    `  identity (Entra-shaped)  ${e.identity.issuer}`,
    `    MSAL authority         ${e.identity.authority}  (knownAuthorities: ${e.identity.knownAuthorities.join(", ")}; use authorityMetadata from endpoints.json)`,
    `    SPA client id          ${SPA_CLIENT_ID}`,
    `    BFF client id          ${BFF_CLIENT_ID}  (secret: see README, well-known default)`,
    `    operators              ${SEEDED_OPERATORS.map((o) => o.name).join(", ")} (or type any name)`,
    `  ARM                      ${e.arm.url}  (subscription ${e.arm.subscriptionId})`,
    `  Storage (Azurite)        ${e.storage ? `${e.storage.blobUrl}  (accounts' keys: ARM listKeys)` : "none (set BATCH_STUDIO_STORAGE_URL)"}`,
    ...e.accounts.map((a) => `  Batch ${a.name.padEnd(18)} ${a.url}  region ${a.region}  key ${a.key}`),
    `  task runtime             ${e.runtime.kind}${e.runtime.containersIsolated ? "" : ` (${e.runtime.note})`} — ${e.runtime.reason}`,
    `  data folder              ${dataDir}  (endpoints.json written)`,
  ];
  return lines.join("\n");
}

async function main(): Promise<void> {
  let options;
  try {
    options = optionsFromEnv(process.env, repoRoot);
  } catch (err) {
    if (err instanceof CliConfigError) {
      console.error(`batch-emulator: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }

  let azure: LocalAzure;
  try {
    azure = await startLocalAzure(options);
  } catch (err) {
    if (err instanceof PortInUseError) {
      console.error(`batch-emulator: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  console.log(banner(azure, options.dataDir));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`batch-emulator: ${signal} received, stopping…`);
    const timer = setTimeout(() => {
      console.error("batch-emulator: did not stop within 15 s, exiting anyway");
      process.exit(1);
    }, 15_000);
    timer.unref();
    azure.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error("batch-emulator: error while stopping:", err instanceof Error ? err.message : err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error("batch-emulator: failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
