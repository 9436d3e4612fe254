/**
 * The Docker Engine reports failures as free text (HTTP status + message, or an `error` line in a pull
 * stream). These functions turn that text into Batch task failure codes. The patterns come from what
 * Engine 20.10 with the distribution registry actually answers (see engine-errors.test.ts):
 *   wrong password        -> "unauthorized: authentication required"
 *   no credentials        -> `Head "http://.../manifests/latest": no basic auth credentials`
 *   missing tag or repo   -> 404 "manifest for X not found: manifest unknown: manifest unknown"
 *   registry unreachable  -> `Get "http://.../v2/": dial tcp ...: connect: connection refused` / "no such host"
 *   program not in image  -> 400 `exec: "x": executable file not found in $PATH`
 *   empty command, no ENTRYPOINT/CMD -> 400 "No command specified"
 */
import type { RuntimeFailure } from "../task-runtime";
import { INVALID_SETTINGS_MESSAGE, redact, serverFailure, userFailure } from "./failures";

interface EngineErrorLike {
  message?: string;
  statusCode?: number;
  json?: { message?: string } | null;
}

/** The engine's own message, without dockerode's "(HTTP code 500) server error - " prefix. */
export function engineMessage(error: unknown): string {
  const e = (error ?? {}) as EngineErrorLike;
  const fromJson = e.json && typeof e.json.message === "string" ? e.json.message : undefined;
  const text = fromJson ?? (typeof e.message === "string" ? e.message : String(error));
  return text.replace(/^\(HTTP code \d+\) [^-]*- /, "").trim();
}

export function engineStatus(error: unknown): number | undefined {
  const status = (error as EngineErrorLike | undefined)?.statusCode;
  return typeof status === "number" ? status : undefined;
}

const AUTH =
  /unauthorized|no basic auth credentials|authentication required|incorrect username or password|invalid username\/password|denied: requested access/i;
const NOT_FOUND =
  /manifest unknown|not found: manifest|name unknown|repository does not exist|no such image|not found$/i;
const UNREACHABLE =
  /dial tcp|connection refused|no such host|i\/o timeout|network is unreachable|TLS handshake|server gave HTTP response to HTTPS client|x509:|context deadline exceeded|EOF$/i;

export interface PullContext {
  ref: string;
  registryHost: string;
  /** Never shown: removed from any engine text before it reaches a message. */
  password?: string;
}

/** A failed pull, as Batch reports it on the task or node. */
export function classifyPullError(error: unknown, ctx: PullContext): RuntimeFailure {
  const detail = redact(engineMessage(error), [ctx.password]);
  // Docker Hub answers "pull access denied ... repository does not exist or may require 'docker login'"
  // for both a missing and a private repository: that names the image, so check it before auth.
  if (
    /repository does not exist/i.test(detail) ||
    (engineStatus(error) === 404 && !AUTH.test(detail)) ||
    (NOT_FOUND.test(detail) && !AUTH.test(detail))
  ) {
    return userFailure(
      "ContainerInvalidImage",
      `The container image ${ctx.ref} was not found in registry ${ctx.registryHost}`,
      detail,
    );
  }
  if (AUTH.test(detail)) {
    return userFailure(
      "ContainerInvalidRegistry",
      `Login to the container registry ${ctx.registryHost} failed for ${ctx.ref}: the registry refused the credentials (${firstLine(detail)})`,
      detail,
    );
  }
  if (UNREACHABLE.test(detail)) {
    return userFailure(
      "ContainerInvalidRegistry",
      `The container registry ${ctx.registryHost} cannot be reached to pull ${ctx.ref}`,
      detail,
    );
  }
  return userFailure("ContainerInvalidImage", `The container image ${ctx.ref} could not be pulled`, detail);
}

/** `docker create` refused the container: its settings (run options, user, network) are wrong. */
export function classifyCreateError(
  error: unknown,
  ctx: { ref: string; secrets?: string[] },
): RuntimeFailure {
  const detail = redact(engineMessage(error), ctx.secrets ?? []);
  if (/no command specified/i.test(detail)) {
    return userFailure(
      "CommandProgramNotFound",
      `The task's command line is empty and the image ${ctx.ref} has no ENTRYPOINT or CMD to run`,
      detail,
    );
  }
  if (/no such image/i.test(detail))
    return userFailure("ContainerInvalidImage", `The container image ${ctx.ref} is not on the node`, detail);
  const status = engineStatus(error);
  if (status === 400 || status === 404 || status === 409)
    return userFailure("ContainerInvalidSettings", INVALID_SETTINGS_MESSAGE, detail);
  return serverFailure(`The container for ${ctx.ref} could not be created`, detail);
}

/** `docker start` failed: the process never ran (program missing, not executable, bad user, bad mount). */
export function classifyStartError(error: unknown, ctx: { ref: string; secrets?: string[] }): RuntimeFailure {
  const detail = redact(engineMessage(error), ctx.secrets ?? []);
  if (/executable file not found|no such file or directory/i.test(detail)) {
    return userFailure(
      "CommandProgramNotFound",
      `The specified command program is not found in the container image ${ctx.ref}`,
      detail,
    );
  }
  if (/permission denied/i.test(detail)) {
    return userFailure(
      "CommandLaunchFailed",
      `The task's command could not be started in the container (permission denied)`,
      detail,
    );
  }
  if (
    /unable to find user|no matching entries in passwd|network \S+ not found|invalid mount|bind source path does not exist|invalid argument|not a directory/i.test(
      detail,
    )
  ) {
    return userFailure("ContainerInvalidSettings", INVALID_SETTINGS_MESSAGE, detail);
  }
  return serverFailure(`The container for ${ctx.ref} could not be started`, detail);
}

const firstLine = (text: string): string => {
  const line = text.split("\n")[0]!;
  // Keep the engine's reason, not the URL it tried: `Head "http://…": no basic auth credentials`.
  const reason = line.replace(/^(?:Head|Get) "[^"]*": /, "");
  return reason.length > 200 ? `${reason.slice(0, 200)}…` : reason;
};
