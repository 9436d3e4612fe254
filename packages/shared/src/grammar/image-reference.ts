import { DOCKER_HUB, isHostWithOptionalPort, normalizeRegistryHost } from "./host";
import type { Parsed } from "./parsed";

/** A container image reference split per the distribution reference grammar. */
export interface ImageReferenceParts {
  /** The registry host as written, or undefined when the reference names none (Docker Hub). */
  registry?: string;
  /** Normalised registry host: lowercase, Docker Hub and its aliases as "docker.io". */
  registryHost: string;
  /** The path as written, e.g. "tensorflow/tensorflow". */
  repository: string;
  tag?: string;
  /** "algorithm:hex", e.g. "sha256:…". */
  digest?: string;
}

// path-component := [a-z0-9]+ (separator [a-z0-9]+)*, separator := [_.] | __ | [-]+
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*):([0-9a-fA-F]{32,})$/;
const MAX_NAME_LENGTH = 255;

/** Docker's rule: the first component names a registry if it has '.' or ':' or is "localhost". */
const looksLikeHost = (component: string): boolean =>
  component.includes(".") || component.includes(":") || component === "localhost";

const checkDigest = (digest: string): string | undefined => {
  if (digest.startsWith("sha256:") && !/^sha256:[0-9a-f]{64}$/.test(digest)) {
    return "a sha256 digest has exactly 64 lowercase hex characters";
  }
  return DIGEST.test(digest) ? undefined : `digest "${digest}" is not algorithm:hex`;
};

export const parseImageReference = (ref: string): Parsed<ImageReferenceParts> => {
  if (ref === "") return { ok: false, reason: "the image reference is empty" };
  if (/\s/.test(ref)) return { ok: false, reason: "an image reference cannot contain spaces" };
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(ref)) {
    return { ok: false, reason: 'an image reference has no scheme; drop the "https://" part' };
  }
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    const problem = checkDigest(digest);
    if (problem) return { ok: false, reason: problem };
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(":");
  if (lastColon > rest.lastIndexOf("/")) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) {
      return {
        ok: false,
        reason: `tag "${tag}" must be 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'`,
      };
    }
  }
  if (rest.length > MAX_NAME_LENGTH)
    return { ok: false, reason: `the name is longer than ${MAX_NAME_LENGTH} characters` };
  const components = rest.split("/");
  let registry: string | undefined;
  if (components.length > 1 && looksLikeHost(components[0]!)) {
    registry = components.shift()!;
    if (!isHostWithOptionalPort(registry))
      return { ok: false, reason: `"${registry}" is not a valid registry host[:port]` };
  }
  for (const component of components) {
    if (component === "")
      return { ok: false, reason: "the repository path has an empty component (a stray '/')" };
    if (!PATH_COMPONENT.test(component)) {
      const hint =
        component !== component.toLowerCase()
          ? "repository names must be lowercase"
          : "use lowercase letters, digits and single '.', '_', '__' or '-' separators";
      return { ok: false, reason: `"${component}" is not a valid repository path component: ${hint}` };
    }
  }
  const value: ImageReferenceParts = {
    registryHost: registry === undefined ? DOCKER_HUB : normalizeRegistryHost(registry),
    repository: components.join("/"),
  };
  if (registry !== undefined) value.registry = registry;
  if (tag !== undefined) value.tag = tag;
  if (digest !== undefined) value.digest = digest;
  return { ok: true, value };
};

/** "docker.io" for Docker Hub images (written with no host or as index.docker.io); undefined if invalid. */
export const registryHostOf = (ref: string): string | undefined => {
  const parsed = parseImageReference(ref);
  return parsed.ok ? parsed.value.registryHost : undefined;
};

/** Docker Hub official images ("ubuntu", "library/ubuntu") are public by definition. */
export const isDockerHubOfficialImage = (ref: ImageReferenceParts): boolean =>
  ref.registryHost === DOCKER_HUB && (!ref.repository.includes("/") || ref.repository.startsWith("library/"));

/**
 * The fully qualified form docker pulls ("ubuntu" -> "docker.io/library/ubuntu:latest"), so two
 * spellings of one image compare equal.
 */
export const canonicalImageName = (ref: ImageReferenceParts): string => {
  const repository =
    ref.registryHost === DOCKER_HUB && !ref.repository.includes("/")
      ? `library/${ref.repository}`
      : ref.repository;
  const name = `${ref.registryHost}/${repository}`;
  if (ref.digest) return ref.tag ? `${name}:${ref.tag}@${ref.digest}` : `${name}@${ref.digest}`;
  return `${name}:${ref.tag ?? "latest"}`;
};
