import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Where the journeys' own stack listens. The 46xx range keeps clear of a developer's `pnpm start`
 * (43xx/44xx); BATCH_STUDIO_E2E_PORT_BASE moves the whole block.
 */
const base = Number(process.env.BATCH_STUDIO_E2E_PORT_BASE ?? 4600);

export const e2ePorts = {
  identity: base,
  arm: base + 1,
  storage: base + 2,
  batch: [base + 10, base + 11],
  bff: base + 30,
} as const;

export const portalUrl = `http://localhost:${e2ePorts.bff}`;

/**
 * The run's data folder. The config module is loaded by the runner and again by every worker, so
 * the runner picks the name once and the workers inherit it through the environment; the stack
 * wrapper (support/stack-server.mjs) creates it and deletes it when the stack stops.
 */
export const dataDir = (process.env.BATCH_STUDIO_E2E_DATA_DIR ??= join(
  tmpdir(),
  `batch-studio-e2e-${process.pid}-${Date.now()}`,
));

/**
 * The environment scripts/stack.mjs reads (names from apps/emulator/src/local-azure-constants.ts).
 * The lab's DOCKER_HOST/LAB_* pass through; stack.mjs itself lets the BFF probe loopback registries.
 */
export function stackEnvironment(): Record<string, string> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
  );
  return {
    ...inherited,
    BATCH_STUDIO_DATA_DIR: dataDir,
    BATCH_STUDIO_IDENTITY_PORT: String(e2ePorts.identity),
    BATCH_STUDIO_ARM_PORT: String(e2ePorts.arm),
    BATCH_STUDIO_BATCH_PORTS: e2ePorts.batch.join(","),
    BATCH_STUDIO_STORAGE_PORT: String(e2ePorts.storage),
    BATCH_STUDIO_BFF_PORT: String(e2ePorts.bff),
    BATCH_STUDIO_SPA_ORIGINS: portalUrl,
    // The journeys create what they need; the demo workload would only add load and noise.
    BATCH_STUDIO_DEMO: "0",
    // Docker when the lab's DOCKER_HOST answers, else the process runtime.
    BATCH_STUDIO_RUNTIME: process.env.BATCH_STUDIO_RUNTIME ?? "auto",
  };
}
