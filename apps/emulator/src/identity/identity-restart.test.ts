import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { startIdentity, type LocalIdentity } from "./identity-server";
import { headlessSignIn } from "./headless-sign-in";
import { BFF_CLIENT_ID, SPA_CLIENT_ID } from "../local-azure-constants";

const SPA_ORIGIN = "http://localhost:43998";

describe("local identity across a restart", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "bs-identity-restart-"));
  let identity: LocalIdentity | undefined;

  afterAll(async () => {
    await identity?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps signing keys, typed operators and refresh tokens", async () => {
    identity = await startIdentity({ port: 0, dataDir, spaOrigins: [SPA_ORIGIN] });
    const { tokens } = await headlessSignIn({
      issuer: identity.issuer,
      redirectUri: `${SPA_ORIGIN}/`,
      typedName: "Barbara Liskov",
    });
    const port = Number(new URL(identity.url).port);
    await identity.close();

    identity = await startIdentity({ port, dataDir, spaOrigins: [SPA_ORIGIN] });
    const jwks = createRemoteJWKSet(new URL(identity.jwksUri));
    const { payload } = await jwtVerify(tokens.access_token, jwks, {
      issuer: identity.issuer,
      audience: BFF_CLIENT_ID,
    });
    expect(payload.name).toBe("Barbara Liskov");

    const res = await fetch(`${identity.issuer}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        client_id: SPA_CLIENT_ID,
        refresh_token: tokens.refresh_token!,
      }).toString(),
    });
    const body = (await res.json()) as { access_token?: string };
    expect(res.status, JSON.stringify(body)).toBe(200);
    const refreshed = await jwtVerify(body.access_token!, jwks, {
      issuer: identity.issuer,
      audience: BFF_CLIENT_ID,
    });
    expect(refreshed.payload).toMatchObject({ name: "Barbara Liskov", oid: payload.oid });
  });
});
