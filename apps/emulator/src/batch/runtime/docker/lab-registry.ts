/**
 * Test support: registry operations against the container lab through the real engine (dockerode),
 * with credentials passed per request as X-Registry-Auth (no `docker login` state anywhere).
 */
import { randomBytes } from "node:crypto";
import type Docker from "dockerode";
import { engineMessage } from "./engine-errors";
import type { Lab } from "./lab-env";
import { progressStreamError } from "./pull-image";

export const labAuth = (lab: Lab, password = lab.password) => ({
  username: lab.user,
  password,
  serveraddress: lab.registry,
});

/** Pulls through the engine; resolves to the engine's error text, or undefined on success. */
export async function enginePull(
  docker: Docker,
  ref: string,
  auth?: ReturnType<typeof labAuth>,
): Promise<string | undefined> {
  const colon = ref.lastIndexOf(":");
  try {
    const stream = await docker.createImage(auth, {
      fromImage: ref.slice(0, colon),
      tag: ref.slice(colon + 1),
    });
    return await progressStreamError(stream);
  } catch (e) {
    return engineMessage(e);
  }
}

/** Pushes a local image tag; resolves to the engine's error text, or undefined on success. */
export async function enginePush(
  docker: Docker,
  ref: string,
  auth?: ReturnType<typeof labAuth>,
): Promise<string | undefined> {
  try {
    // The engine wants an X-Registry-Auth header on every push; "{}" is "no credentials", as the CLI sends it.
    const stream = await docker.getImage(ref).push({ authconfig: auth ?? {} });
    return await progressStreamError(stream);
  } catch (e) {
    return engineMessage(e);
  }
}

/**
 * A copy of a lab image under a fresh repository name that exists only in the registry (pushed,
 * then removed from the engine), so the next use must pull it. `tag` "latest" lets a test refer to it untagged.
 */
export async function pushFreshCopy(docker: Docker, lab: Lab, source: string, tag = "v1"): Promise<string> {
  const pullError = await enginePull(docker, source, labAuth(lab));
  if (pullError) throw new Error(`pulling ${source} failed: ${pullError}`);
  const repo = `${lab.registry}/lab/fresh-${randomBytes(6).toString("hex")}`;
  await docker.getImage(source).tag({ repo, tag });
  const ref = `${repo}:${tag}`;
  try {
    const pushError = await enginePush(docker, ref, labAuth(lab));
    if (pushError) throw new Error(`pushing ${ref} failed: ${pushError}`);
  } finally {
    await docker.getImage(ref).remove();
  }
  return ref;
}
