/**
 * A real Azurite blob service in a child process, for tests and benchmarks: port 0 on loopback,
 * data in a folder of the caller's, the seeded storage accounts. The stack runs the same service
 * through azurite-main.ts under its supervisor.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { once } from "node:events";
import { DEFAULT_HOST } from "../local-azure-constants";
import { DEFAULT_SEED } from "../seed";
import { azuriteAccounts, azuriteArgs, type LocalStorage } from "./local-storage";

const require = createRequire(import.meta.url);
/** Azurite's blob service entry (its `azurite-blob` bin). */
export const AZURITE_BLOB_MAIN = require.resolve("azurite/dist/src/blob/main.js");

export interface RunningAzurite extends LocalStorage {
  close(): Promise<void>;
}

export async function startAzurite(options: {
  location: string;
  host?: string;
  port?: number;
}): Promise<RunningAzurite> {
  const host = options.host ?? DEFAULT_HOST;
  const child = spawn(
    process.execPath,
    [AZURITE_BLOB_MAIN, ...azuriteArgs({ host, port: options.port ?? 0, location: options.location })],
    {
      env: { ...process.env, AZURITE_ACCOUNTS: azuriteAccounts(DEFAULT_SEED.storageAccounts ?? []) },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const blobUrl = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listens on (http:\/\/\S+)/.exec(output);
      if (m?.[1]) resolve(m[1]);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`Azurite exited (${code}) before listening: ${output.slice(0, 500)}`)),
    );
  });
  child.stdout.resume();
  child.stderr.resume();
  return {
    blobUrl,
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
