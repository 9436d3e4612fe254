import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { DEFAULT_HOST, DEFAULT_PORTS, DEFAULT_SPA_ORIGINS, LOCAL_AZURE_ENV } from "./local-azure-constants";
import type { LocalAzureOptions } from "./local-azure";
import type { RuntimeChoice } from "./runtime-choice";

export class CliConfigError extends Error {}

function port(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new CliConfigError(`${name}: "${raw}" is not a port number (0–65535).`);
  return n;
}

/** The emulator CLI's settings from the environment (names in LOCAL_AZURE_ENV), validated with a message naming the variable. */
export function optionsFromEnv(env: Record<string, string | undefined>, cwd: string): LocalAzureOptions {
  const E = LOCAL_AZURE_ENV;
  const batchRaw = env[E.batchPorts];
  const batch = batchRaw
    ? batchRaw.split(",").map((p) => port({ [E.batchPorts]: p.trim() }, E.batchPorts, 0))
    : [...DEFAULT_PORTS.batch];
  const runtime = (env[E.runtime] || "auto") as RuntimeChoice;
  if (!["auto", "docker", "process"].includes(runtime))
    throw new CliConfigError(`${E.runtime}: "${runtime}" must be auto, docker or process.`);
  const spaOrigins = env[E.spaOrigins]
    ? env[E.spaOrigins]!.split(",").map((o) => o.trim().replace(/\/+$/, ""))
    : DEFAULT_SPA_ORIGINS;
  for (const o of spaOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(o))
      throw new CliConfigError(`${E.spaOrigins}: "${o}" is not an origin (scheme://host[:port]).`);
  }
  const certPath = env[E.identityTlsCert];
  const keyPath = env[E.identityTlsKey];
  if (!certPath !== !keyPath)
    throw new CliConfigError(
      `${E.identityTlsCert} and ${E.identityTlsKey} go together: set both or neither.`,
    );
  const readPem = (name: string, path: string) => {
    try {
      return readFileSync(resolve(cwd, path), "utf8");
    } catch {
      throw new CliConfigError(`${name}: cannot read "${path}".`);
    }
  };
  return {
    ...(certPath && keyPath
      ? {
          identityTls: {
            cert: readPem(E.identityTlsCert, certPath),
            key: readPem(E.identityTlsKey, keyPath),
          },
        }
      : {}),
    dataDir: resolve(cwd, env[E.dataDir] || ".data"),
    host: env[E.host] || DEFAULT_HOST,
    ports: {
      identity: port(env, E.identityPort, DEFAULT_PORTS.identity),
      arm: port(env, E.armPort, DEFAULT_PORTS.arm),
      batch,
    },
    runtime,
    spaOrigins,
    demo: env[E.demo] === "1",
    ...storageFrom(env[E.storageUrl]),
    ...(env[E.bffClientSecret] ? { bffClientSecret: env[E.bffClientSecret] } : {}),
  };
}

/** The Azurite origin the stack started (an http(s) origin), or no storage. */
function storageFrom(raw: string | undefined): Pick<LocalAzureOptions, "storage"> {
  if (!raw) return {};
  const url = raw.trim().replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+$/.test(url))
    throw new CliConfigError(
      `${LOCAL_AZURE_ENV.storageUrl}: "${raw}" is not an origin (scheme://host[:port]).`,
    );
  return { storage: { blobUrl: url } };
}
