import type { ImageProbeFact, RegistryProbeFact } from "@batch-studio/shared";
import type { BffConfig } from "../config";
import { createGuardedFetch, RefusedTarget, type GuardedFetch } from "./guarded-fetch";
import { createHostAllowlist } from "./host-allowlist";
import {
  parseReferenceForProbe,
  readImageConfig,
  registryApiHost,
  RegistryAuthError,
  RegistryNotFound,
  RegistrySession,
  type RegistryCredentials,
} from "./registry-client";

/** Whole-probe deadline: a validation answer later than this is worse than "unreachable". */
const PROBE_DEADLINE_MS = 20_000;

const withDeadline = async <T>(work: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms / 1000} s`), { code: "ETIMEDOUT" })), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
};

const UNREACHABLE = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|UND_ERR|fetch failed|aborted|timeout/i;

const describe = (err: unknown): { kind: "refused" | "unauthorized" | "notFound" | "unreachable" | "error"; message: string } => {
  if (err instanceof RefusedTarget) return { kind: "refused", message: err.message };
  if (err instanceof RegistryAuthError) return { kind: "unauthorized", message: err.message };
  if (err instanceof RegistryNotFound) return { kind: "notFound", message: err.message };
  const e = err as { message?: string; code?: string; cause?: { code?: string; message?: string } };
  const text = `${e.code ?? ""} ${e.cause?.code ?? ""} ${e.message ?? ""} ${e.cause?.message ?? ""}`;
  if (UNREACHABLE.test(text)) return { kind: "unreachable", message: `the registry could not be reached (${(e.cause?.code ?? e.code ?? e.message ?? "").toString()})` };
  return { kind: "error", message: e.message ?? "the registry probe failed" };
};

/**
 * Pre-flight checks against container registries (OCI distribution v2), for validation only:
 * "do these credentials log in?" and "does this image exist, and what are its ENTRYPOINT, CMD
 * and WORKDIR?". Every connection goes through the SSRF guard.
 */
export class RegistryProbe {
  private readonly fetcher: GuardedFetch;

  constructor(config: Pick<BffConfig, "registry">, timeoutMs = 10_000) {
    this.fetcher = createGuardedFetch({
      allowlist: createHostAllowlist(config.registry.allowedHosts),
      privateAddresses: config.registry.privateAddresses,
      timeoutMs,
    });
  }

  async testLogin(server: string, credentials: RegistryCredentials = {}): Promise<RegistryProbeFact> {
    try {
      await withDeadline(new RegistrySession(server, credentials, this.fetcher).ping(), PROBE_DEADLINE_MS);
      return { server, status: "ok" };
    } catch (err) {
      const d = describe(err);
      return { server, status: d.kind === "notFound" ? "error" : d.kind, message: d.message };
    }
  }

  async inspectImage(reference: string, credentials: RegistryCredentials = {}): Promise<ImageProbeFact> {
    const parsed = parseReferenceForProbe(reference);
    if (!parsed.ok) return { reference, status: "error", message: parsed.reason };
    try {
      const session = new RegistrySession(parsed.server, credentials, this.fetcher);
      const config = await withDeadline(readImageConfig(session, parsed.repository, parsed.reference), PROBE_DEADLINE_MS);
      const fact: ImageProbeFact = { reference, status: "found", entrypoint: config.entrypoint, cmd: config.cmd, workingDir: config.workingDir };
      if (config.os !== undefined) fact.os = config.os;
      if (config.architecture !== undefined) fact.architecture = config.architecture;
      return fact;
    } catch (err) {
      const d = describe(err);
      return { reference, status: d.kind, message: d.message };
    }
  }

  /** The registry host a reference would be pulled from (for matching pool registry credentials). */
  static serverOf(reference: string): string | undefined {
    const parsed = parseReferenceForProbe(reference);
    return parsed.ok ? registryApiHost(parsed.server) : undefined;
  }

  close(): Promise<void> {
    return this.fetcher.close();
  }
}
