import { parseImageReference } from "@batch-studio/shared";
import type { Response } from "undici";
import { RefusedTarget, type GuardedFetch } from "./guarded-fetch";
import { parseChallenge, type AuthChallenge } from "./www-authenticate";

export interface RegistryCredentials {
  username?: string;
  password?: string;
}

/** Docker Hub's API host; "docker.io" and its aliases are only names. */
export const DOCKER_HUB_API = "registry-1.docker.io";
const DOCKER_HUB_NAMES = new Set(["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"]);

export const registryApiHost = (server: string): string => {
  const host = server.trim().replace(/^https?:\/\//i, "").replace(/\/+$/, "");
  return DOCKER_HUB_NAMES.has(host.toLowerCase()) ? DOCKER_HUB_API : host;
};

/** Docker Hub's official images live under "library/". */
export const repositoryPath = (apiHost: string, repository: string): string =>
  apiHost === DOCKER_HUB_API && !repository.includes("/") ? `library/${repository}` : repository;

/** Docker (and Batch's nodes) talk plain http to loopback registries; everything else is https. */
const schemeFor = (host: string): "http" | "https" => {
  const name = host.replace(/:\d+$/, "").replace(/^\[|\]$/g, "").toLowerCase();
  return name === "localhost" || /^127\./.test(name) || name === "::1" ? "http" : "https";
};

export const MANIFEST_ACCEPT = [
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
].join(", ");

const INDEX_TYPES = new Set(["application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json"]);
const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

/** Reads a JSON body with a size cap: a registry is not trusted to send a sane amount. */
const readJson = async (res: Response): Promise<unknown> => {
  const declared = Number(res.headers.get("content-length") ?? "0");
  if (declared > MAX_DOCUMENT_BYTES) throw new Error("the registry sent a document larger than 4 MiB");
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body ?? []) {
    total += (chunk as Uint8Array).byteLength;
    if (total > MAX_DOCUMENT_BYTES) throw new Error("the registry sent a document larger than 4 MiB");
    chunks.push(chunk as Uint8Array);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
};

export class RegistryAuthError extends Error {}
export class RegistryNotFound extends Error {}

/**
 * One registry session: answers Basic and Bearer challenges (the token flow with realm, service
 * and scope, as Docker Hub, ACR, GHCR and MCR use) and remembers the authorization per scope.
 */
export class RegistrySession {
  readonly apiHost: string;
  private readonly base: string;
  private challenge: AuthChallenge | undefined;
  private readonly authorizations = new Map<string, string>();

  constructor(
    server: string,
    private readonly credentials: RegistryCredentials,
    private readonly fetcher: GuardedFetch,
  ) {
    this.apiHost = registryApiHost(server);
    this.base = `${schemeFor(this.apiHost)}://${this.apiHost}`;
  }

  private basic(): string | undefined {
    const { username, password } = this.credentials;
    if (username === undefined || username === "") return undefined;
    return `Basic ${Buffer.from(`${username}:${password ?? ""}`).toString("base64")}`;
  }

  private async authorizationFor(scope: string | undefined): Promise<string | undefined> {
    const key = scope ?? "";
    const known = this.authorizations.get(key);
    if (known !== undefined) return known;
    const challenge = this.challenge;
    if (!challenge) return undefined;
    let value: string | undefined;
    if (challenge.scheme === "basic") {
      value = this.basic();
      if (value === undefined) throw new RegistryAuthError("the registry requires a user name and password");
    } else if (challenge.scheme === "bearer") {
      value = `Bearer ${await this.fetchToken(challenge, scope)}`;
    } else {
      throw new Error(`the registry asks for unsupported "${challenge.scheme}" authentication`);
    }
    this.authorizations.set(key, value);
    return value;
  }

  /** The distribution token flow: GET realm?service=…&scope=…, Basic credentials when we have them. */
  private async fetchToken(challenge: AuthChallenge, scope: string | undefined): Promise<string> {
    const realm = challenge.params.realm;
    if (!realm) throw new Error("the registry's Bearer challenge has no realm");
    const url = new URL(realm, this.base);
    if (challenge.params.service) url.searchParams.set("service", challenge.params.service);
    const wanted = scope ?? challenge.params.scope;
    if (wanted) url.searchParams.set("scope", wanted);
    const headers: Record<string, string> = {};
    const basic = this.basic();
    if (basic !== undefined) headers.authorization = basic;
    const res = await this.fetcher(url.toString(), { headers });
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw new RegistryAuthError("the registry's token service rejected the credentials");
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`the registry's token service answered ${res.status}`);
    }
    const body = (await readJson(res)) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new Error("the registry's token service returned no token");
    return token;
  }

  /** GET/HEAD under /v2 with authentication: one retry after learning the challenge. */
  async request(path: string, scope: string | undefined, accept?: string): Promise<Response> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const headers: Record<string, string> = {};
      if (accept) headers.accept = accept;
      const authorization = await this.authorizationFor(scope);
      if (authorization) headers.authorization = authorization;
      const res = await this.fetcher(`${this.base}${path}`, { headers });
      if (res.status !== 401) return res;
      await res.body?.cancel();
      const challenge = parseChallenge(res.headers.get("www-authenticate"));
      if (attempt === 1 || !challenge || authorization !== undefined) {
        throw new RegistryAuthError(
          this.credentials.username ? "the registry rejected the credentials" : "the registry requires credentials",
        );
      }
      this.challenge = challenge;
    }
    throw new RegistryAuthError("the registry rejected the credentials");
  }

  /** `GET /v2/`: does the registry accept these credentials at all? */
  async ping(): Promise<void> {
    const res = await this.request("/v2/", undefined);
    await res.body?.cancel();
    if (!res.ok) throw new Error(`the registry answered ${res.status} to GET /v2/`);
  }
}

export interface ImageConfig {
  entrypoint: string[] | null;
  cmd: string[] | null;
  workingDir: string | null;
  os?: string;
  architecture?: string;
}

interface Descriptor {
  mediaType?: string;
  digest: string;
  platform?: { os?: string; architecture?: string; variant?: string };
}

interface ManifestDocument {
  mediaType?: string;
  schemaVersion?: number;
  manifests?: Descriptor[];
  config?: Descriptor;
}

/** Batch container pools are linux/amd64 (or Windows, whose images the probe reads the same way). */
export const choosePlatform = (manifests: Descriptor[]): Descriptor | undefined =>
  manifests.find((m) => m.platform?.os === "linux" && m.platform?.architecture === "amd64") ??
  manifests.find((m) => m.platform?.architecture === "amd64") ??
  manifests.find((m) => m.platform?.os !== "unknown");

/** Resolves a reference to its config: manifest (choosing linux/amd64 from an index), then the config blob. */
export const readImageConfig = async (session: RegistrySession, repository: string, reference: string): Promise<ImageConfig> => {
  const scope = `repository:${repository}:pull`;
  // Tags and digests are grammar-checked ([\w.-] and algo:hex), so they go into the path as-is.
  let ref = reference;
  for (let depth = 0; depth < 2; depth++) {
    const res = await session.request(`/v2/${repository}/manifests/${ref}`, scope, MANIFEST_ACCEPT);
    if (res.status === 404) {
      await res.body?.cancel();
      throw new RegistryNotFound(`${repository}:${reference} was not found in ${session.apiHost}`);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`the registry answered ${res.status} for the manifest`);
    }
    const contentType = (res.headers.get("content-type") ?? "").split(";")[0]!.trim();
    const doc = (await readJson(res)) as ManifestDocument;
    const mediaType = doc.mediaType ?? contentType;
    if (INDEX_TYPES.has(mediaType) || Array.isArray(doc.manifests)) {
      const chosen = choosePlatform(doc.manifests ?? []);
      if (!chosen) throw new RegistryNotFound(`${repository}:${reference} has no linux/amd64 image`);
      ref = chosen.digest;
      continue;
    }
    if (!doc.config?.digest) throw new Error(`unsupported manifest (${mediaType || `schema ${doc.schemaVersion ?? "?"}`})`);
    const blob = await session.request(`/v2/${repository}/blobs/${doc.config.digest}`, scope);
    if (!blob.ok) {
      await blob.body?.cancel();
      throw new Error(`the registry answered ${blob.status} for the image config`);
    }
    const config = (await readJson(blob)) as {
      os?: string;
      architecture?: string;
      config?: { Entrypoint?: string[] | null; Cmd?: string[] | null; WorkingDir?: string };
    };
    const result: ImageConfig = {
      entrypoint: config.config?.Entrypoint ?? null,
      cmd: config.config?.Cmd ?? null,
      workingDir: config.config?.WorkingDir ? config.config.WorkingDir : null,
    };
    if (config.os !== undefined) result.os = config.os;
    if (config.architecture !== undefined) result.architecture = config.architecture;
    return result;
  }
  throw new Error("the image index points at another index");
};

export const parseReferenceForProbe = (reference: string) => {
  const parsed = parseImageReference(reference);
  if (!parsed.ok) return parsed;
  const server = parsed.value.registry ?? "docker.io";
  const apiHost = registryApiHost(server);
  return {
    ok: true as const,
    server,
    repository: repositoryPath(apiHost, parsed.value.repository),
    reference: parsed.value.digest ?? parsed.value.tag ?? "latest",
  };
};

export { RefusedTarget };
