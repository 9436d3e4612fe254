import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { get } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startIdentity } from "./identity-server";

function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function getJson(url: string, ca: string): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve(JSON.parse(body) as Record<string, string>));
    }).on("error", reject);
  });
}

describe("identity over https (option A)", () => {
  it.skipIf(!hasOpenssl())("serves discovery with an https issuer and endpoints", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bs-tls-"));
    const cert = join(dir, "cert.pem");
    const key = join(dir, "key.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key,
        "-out",
        cert,
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
      ],
      { stdio: "ignore" },
    );
    const tls = { cert: readFileSync(cert, "utf8"), key: readFileSync(key, "utf8") };
    const identity = await startIdentity({ port: 0, dataDir: dir, tls });
    try {
      expect(identity.issuer).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
      const discovery = await getJson(`${identity.issuer}/.well-known/openid-configuration`, tls.cert);
      expect(discovery.issuer).toBe(identity.issuer);
      expect(discovery.token_endpoint).toBe(`${identity.issuer}/token`);
      expect(identity.authority).toBe(identity.issuer.replace(/\/v2\.0$/, ""));
    } finally {
      await identity.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
