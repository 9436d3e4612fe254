/**
 * Pulling an image through the engine with the registry's credentials (X-Registry-Auth, never a
 * `docker login`, so nothing is stored on the engine side and concurrent pulls with different
 * credentials do not interfere).
 */
import type Docker from "dockerode";
import type { PullResult, RegistryCredential } from "../task-runtime";
import { classifyPullError } from "./engine-errors";
import { userFailure } from "./failures";
import { credentialFor, type ImageTarget } from "./image-name";

export async function pullImage(
  docker: Docker,
  target: ImageTarget,
  registries: RegistryCredential[],
  signal?: AbortSignal,
): Promise<PullResult> {
  const credential = credentialFor(target, registries);
  if (credential?.identityResourceId && !credential.username) {
    return {
      ok: false,
      failure: userFailure(
        "ContainerInvalidRegistry",
        `Cannot pull ${target.ref} from ${target.registryHost}: managed identity login is not available locally`,
        `The registry credentials use the managed identity ${credential.identityResourceId}; use a username and password (or a token) with the emulator`,
      ),
    };
  }
  const auth = credential?.username
    ? { username: credential.username, password: credential.password ?? "", serveraddress: credential.server }
    : undefined;
  const ctx = { ref: target.ref, registryHost: target.registryHost, password: credential?.password };
  try {
    const stream = await docker.createImage(auth, {
      fromImage: target.fromImage,
      tag: target.tag,
      ...(signal ? { abortSignal: signal } : {}),
    });
    const streamError = await progressStreamError(stream);
    if (streamError) return { ok: false, failure: classifyPullError(new Error(streamError), ctx) };
    return { ok: true };
  } catch (e) {
    if (signal?.aborted)
      return { ok: false, failure: userFailure("TaskEnded", `The pull of ${target.ref} was cancelled`) };
    return { ok: false, failure: classifyPullError(e, ctx) };
  }
}

/** Reads an engine progress stream (pull or push) (one JSON object per line) to its end; returns its error, if any. */
export async function progressStreamError(stream: NodeJS.ReadableStream): Promise<string | undefined> {
  let pending = "";
  let error: string | undefined;
  const consider = (line: string) => {
    if (!line.trim() || error) return;
    try {
      const event = JSON.parse(line) as { error?: string; errorDetail?: { message?: string } };
      error = event.errorDetail?.message ?? event.error;
    } catch {
      // a torn or non-JSON line carries no error information
    }
  };
  for await (const chunk of stream) {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop()!;
    lines.forEach(consider);
  }
  consider(pending);
  return error;
}
