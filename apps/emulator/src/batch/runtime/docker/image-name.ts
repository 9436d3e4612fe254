/**
 * From a task's imageName to what the engine pulls: ":latest" when the name has no tag or digest
 * (Batch's rule), the engine's fromImage/tag split, and the credentials of the matching registry.
 */
import { normalizeRegistryHost, parseImageReference } from "@batch-studio/shared";
import type { RegistryCredential } from "../task-runtime";

export interface ImageTarget {
  /** What the engine and the operator see: the name as written plus ":latest" if it had no tag or digest. */
  ref: string;
  /** The engine's pull parameters: the name without tag/digest, and the tag or digest. */
  fromImage: string;
  tag: string;
  /** Normalised registry host, "docker.io" for Docker Hub. */
  registryHost: string;
}

export type ImageTargetResult = { ok: true; target: ImageTarget } | { ok: false; reason: string };

export function imageTarget(imageName: string): ImageTargetResult {
  const parsed = parseImageReference(imageName.trim());
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const { registry, repository, tag, digest, registryHost } = parsed.value;
  const fromImage = registry === undefined ? repository : `${registry}/${repository}`;
  // A digest pins the content; like the docker CLI, pull by digest alone and keep the tag only in the name.
  if (digest) {
    const ref = `${tag ? `${fromImage}:${tag}` : fromImage}@${digest}`;
    return { ok: true, target: { ref, fromImage, tag: digest, registryHost } };
  }
  const effectiveTag = tag ?? "latest";
  return {
    ok: true,
    target: { ref: `${fromImage}:${effectiveTag}`, fromImage, tag: effectiveTag, registryHost },
  };
}

/** The credential whose server is the image's registry (host names compare case-insensitively; Docker Hub's aliases are one). */
export function credentialFor(
  target: ImageTarget,
  registries: RegistryCredential[],
): RegistryCredential | undefined {
  return registries.find((r) => normalizeRegistryHost(r.server.trim()) === target.registryHost);
}
