import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RegistryProbe } from "./registry-probe";
import { choosePlatform, registryApiHost, repositoryPath } from "./registry-client";
import { startTestServer } from "./test-servers";

const sha = (text: string) => `sha256:${createHash("sha256").update(text).digest("hex")}`;

/**
 * A registry that speaks the Bearer-token variant (like Docker Hub, ACR, GHCR): /v2/ and every
 * repository answer 401 with a challenge; /token trades Basic credentials for a scoped token.
 * It serves one repository "team/app" whose tag "1.0" is an index of arm64 and amd64 images.
 */
const startBearerRegistry = async () => {
  const amd64Config = JSON.stringify({
    os: "linux",
    architecture: "amd64",
    config: { Entrypoint: ["/app/run"], Cmd: ["--serve"], WorkingDir: "/app" },
  });
  const arm64Config = JSON.stringify({ os: "linux", architecture: "arm64", config: { Entrypoint: ["/wrong"] } });
  const manifestFor = (config: string) =>
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: sha(config), size: config.length },
      layers: [],
    });
  const amd64Manifest = manifestFor(amd64Config);
  const arm64Manifest = manifestFor(arm64Config);
  const index = JSON.stringify({
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.index.v1+json",
    manifests: [
      { mediaType: "application/vnd.oci.image.manifest.v1+json", digest: sha(arm64Manifest), platform: { os: "linux", architecture: "arm64" } },
      { mediaType: "application/vnd.oci.image.manifest.v1+json", digest: sha(amd64Manifest), platform: { os: "linux", architecture: "amd64" } },
    ],
  });
  const docs = new Map<string, [string, string]>([
    ["/v2/team/app/manifests/1.0", [index, "application/vnd.oci.image.index.v1+json"]],
    [`/v2/team/app/manifests/${sha(amd64Manifest)}`, [amd64Manifest, "application/vnd.oci.image.manifest.v1+json"]],
    [`/v2/team/app/manifests/${sha(arm64Manifest)}`, [arm64Manifest, "application/vnd.oci.image.manifest.v1+json"]],
    [`/v2/team/app/blobs/${sha(arm64Config)}`, [arm64Config, "application/octet-stream"]],
    [`/storage/${sha(amd64Config)}`, [amd64Config, "application/octet-stream"]],
  ]);
  const tokens = new Map<string, string>();
  const seenScopes: string[] = [];
  const srv = await startTestServer((req, res, base) => {
    const url = new URL(req.url ?? "/", base);
    if (url.pathname === "/token") {
      const expected = `Basic ${Buffer.from("robot:s3cret-pass").toString("base64")}`;
      if (req.headers.authorization !== expected) {
        res.writeHead(401, { "content-type": "application/json" });
        return res.end('{"errors":[{"code":"UNAUTHORIZED"}]}');
      }
      const scope = url.searchParams.get("scope") ?? "";
      seenScopes.push(`${url.searchParams.get("service")}|${scope}`);
      const token = `tok-${tokens.size}`;
      tokens.set(token, scope);
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify({ token, expires_in: 300 }));
    }
    // Blob storage behind a redirect, like a registry CDN; it needs no registry token.
    if (url.pathname.startsWith("/storage/")) {
      const doc = docs.get(url.pathname)!;
      res.writeHead(200, { "content-type": doc[1] });
      return res.end(doc[0]);
    }
    const auth = req.headers.authorization ?? "";
    const tokenScope = tokens.get(auth.replace(/^Bearer /, ""));
    const repoScope = /^\/v2\/([^]+?)\/(manifests|blobs)\//.exec(url.pathname)?.[1];
    const scopeNeeded = repoScope ? `repository:${repoScope}:pull` : "";
    if (tokenScope === undefined || (repoScope && tokenScope !== scopeNeeded)) {
      const scopePart = repoScope ? `,scope="${scopeNeeded}"` : "";
      res.writeHead(401, { "www-authenticate": `Bearer realm="${base}/token",service="test-registry"${scopePart}` });
      return res.end();
    }
    if (url.pathname === "/v2/") return res.end("{}");
    if (url.pathname === `/v2/team/app/blobs/${sha(amd64Config)}`) {
      res.writeHead(307, { location: `/storage/${sha(amd64Config)}` });
      return res.end();
    }
    const doc = docs.get(url.pathname);
    if (!doc) {
      res.writeHead(404, { "content-type": "application/json" });
      return res.end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
    }
    res.writeHead(200, { "content-type": doc[1] });
    res.end(doc[0]);
  });
  return { ...srv, seenScopes };
};

describe("RegistryProbe against a Bearer-token registry", () => {
  let registry: Awaited<ReturnType<typeof startBearerRegistry>>;
  let probe: RegistryProbe;
  beforeAll(async () => {
    registry = await startBearerRegistry();
    probe = new RegistryProbe({ registry: { allowedHosts: ["127.0.0.1"], privateAddresses: "loopback" } }, 3_000);
  });
  afterAll(async () => {
    await probe.close();
    await registry.close();
  });

  it("logs in through the token endpoint with good credentials", async () => {
    expect(await probe.testLogin(registry.host, { username: "robot", password: "s3cret-pass" })).toEqual({ server: registry.host, status: "ok" });
  });

  it("reports bad and missing credentials as unauthorized, without echoing the password", async () => {
    const bad = await probe.testLogin(registry.host, { username: "robot", password: "wrong-pass-123" });
    expect(bad.status).toBe("unauthorized");
    expect(JSON.stringify(bad)).not.toContain("wrong-pass-123");
    expect((await probe.testLogin(registry.host)).status).toBe("unauthorized");
  });

  it("resolves an index to linux/amd64 and reads ENTRYPOINT, CMD and WORKDIR from the config blob", async () => {
    const fact = await probe.inspectImage(`${registry.host}/team/app:1.0`, { username: "robot", password: "s3cret-pass" });
    expect(fact).toMatchObject({ status: "found", entrypoint: ["/app/run"], cmd: ["--serve"], workingDir: "/app", os: "linux", architecture: "amd64" });
    expect(registry.seenScopes).toContain("test-registry|repository:team/app:pull");
  });

  it("reports a missing tag as notFound", async () => {
    const fact = await probe.inspectImage(`${registry.host}/team/app:2.0`, { username: "robot", password: "s3cret-pass" });
    expect(fact.status).toBe("notFound");
  });

  it("reports a malformed reference as error with the grammar's reason", async () => {
    const fact = await probe.inspectImage("https://x/y");
    expect(fact.status).toBe("error");
    expect(fact.message).toMatch(/scheme/);
  });

  it("refuses a registry that is not allowlisted, and one on loopback when loopback is not allowed", async () => {
    const strict = new RegistryProbe({ registry: { allowedHosts: ["*.azurecr.io"], privateAddresses: "none" } }, 3_000);
    expect((await strict.testLogin(registry.host)).status).toBe("refused");
    const noLoopback = new RegistryProbe({ registry: { allowedHosts: ["127.0.0.1"], privateAddresses: "none" } }, 3_000);
    expect((await noLoopback.inspectImage(`${registry.host}/team/app:1.0`)).status).toBe("refused");
    await strict.close();
    await noLoopback.close();
  });

  it("reports a closed port as unreachable", async () => {
    const closed = await startTestServer((_req, res) => res.end());
    await closed.close();
    expect((await probe.testLogin(closed.host)).status).toBe("unreachable");
  });
});

describe("registry naming", () => {
  it("normalises Docker Hub and its library/ prefix", () => {
    expect(registryApiHost("docker.io")).toBe("registry-1.docker.io");
    expect(registryApiHost("index.docker.io")).toBe("registry-1.docker.io");
    expect(registryApiHost("https://myacr.azurecr.io/")).toBe("myacr.azurecr.io");
    expect(repositoryPath("registry-1.docker.io", "busybox")).toBe("library/busybox");
    expect(repositoryPath("registry-1.docker.io", "tensorflow/tensorflow")).toBe("tensorflow/tensorflow");
    expect(repositoryPath("myacr.azurecr.io", "busybox")).toBe("busybox");
    expect(RegistryProbe.serverOf("busybox")).toBe("registry-1.docker.io");
    expect(RegistryProbe.serverOf("myacr.azurecr.io/a/b:1")).toBe("myacr.azurecr.io");
  });

  it("prefers linux/amd64 in an index", () => {
    expect(
      choosePlatform([
        { digest: "a", platform: { os: "unknown", architecture: "unknown" } },
        { digest: "b", platform: { os: "linux", architecture: "arm64" } },
        { digest: "c", platform: { os: "linux", architecture: "amd64" } },
      ])?.digest,
    ).toBe("c");
  });
});

const lab = process.env.LAB_REGISTRY;
const requireDocker = process.env.REQUIRE_DOCKER === "1";

describe.skipIf(!lab && !requireDocker)("RegistryProbe against the lab registry (Basic auth)", () => {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run eval "$(bash scripts/container-lab.sh up)"`);
    return value;
  };
  const probe = () => new RegistryProbe({ registry: { allowedHosts: ["127.0.0.1", "localhost"], privateAddresses: "loopback" } }, 5_000);
  const good = () => ({ username: env("LAB_REGISTRY_USER"), password: env("LAB_REGISTRY_PASSWORD") });

  it("accepts good credentials", async () => {
    const p = probe();
    expect(await p.testLogin(env("LAB_REGISTRY"), good())).toEqual({ server: env("LAB_REGISTRY"), status: "ok" });
    await p.close();
  });

  it("reports bad credentials as unauthorized", async () => {
    const p = probe();
    const fact = await p.testLogin(env("LAB_REGISTRY"), { username: env("LAB_REGISTRY_USER"), password: "not-the-password" });
    expect(fact.status).toBe("unauthorized");
    const image = await p.inspectImage(env("LAB_IMAGE_PLAIN"), { username: "nobody", password: "nope" });
    expect(image.status).toBe("unauthorized");
    await p.close();
  });

  it("reports a missing image as notFound", async () => {
    const p = probe();
    const fact = await p.inspectImage(`${env("LAB_REGISTRY")}/lab/does-not-exist:1`, good());
    expect(fact.status).toBe("notFound");
    await p.close();
  });

  it("reads ENTRYPOINT and WORKDIR from the lab image that has them, and none from the plain one", async () => {
    const p = probe();
    const withEntrypoint = await p.inspectImage(env("LAB_IMAGE_ENTRYPOINT"), good());
    expect(withEntrypoint.status).toBe("found");
    expect(withEntrypoint.entrypoint?.length).toBeGreaterThan(0);
    expect(withEntrypoint.workingDir).toMatch(/^\//);
    const plain = await p.inspectImage(env("LAB_IMAGE_PLAIN"), good());
    expect(plain).toMatchObject({ status: "found", entrypoint: null, workingDir: null });
    await p.close();
  });
});
