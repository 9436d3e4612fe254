import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfidentialClientApplication } from "@azure/msal-node";
import { createRemoteJWKSet, jwtVerify, decodeJwt } from "jose";
import { startIdentity, type LocalIdentity } from "./identity-server";
import { CookieJar, headlessSignIn } from "./headless-sign-in";
import { SEEDED_OPERATORS } from "./operators";
import {
  ARM_RESOURCE,
  ARM_SCOPE,
  BATCH_RESOURCE,
  BATCH_SCOPE,
  BFF_CLIENT_ID,
  DEFAULT_BFF_CLIENT_SECRET,
  LOCAL_TENANT_ID,
  SPA_CLIENT_ID,
} from "../local-azure-constants";

const SPA_ORIGIN = "http://localhost:43999";
const ada = SEEDED_OPERATORS[0]!;

function bffApp(identity: LocalIdentity, secret = DEFAULT_BFF_CLIENT_SECRET): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId: BFF_CLIENT_ID,
      clientSecret: secret,
      authority: identity.authority,
      knownAuthorities: identity.knownAuthorities,
      authorityMetadata: identity.authorityMetadata,
    },
  });
}

describe("local identity (oidc-provider, Entra-shaped)", () => {
  let dataDir: string;
  let identity: LocalIdentity;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "bs-identity-"));
    identity = await startIdentity({ port: 0, dataDir, spaOrigins: [SPA_ORIGIN] });
  });
  afterAll(async () => {
    await identity?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("describes itself the way MSAL needs: https-shaped authority, http endpoints", () => {
    expect(identity.authority).toMatch(new RegExp(`^https://127\\.0\\.0\\.1:\\d+/${LOCAL_TENANT_ID}$`));
    expect(identity.issuer).toBe(`${identity.url}/${LOCAL_TENANT_ID}/v2.0`);
    const metadata = JSON.parse(identity.authorityMetadata) as Record<string, string>;
    expect(metadata.token_endpoint).toBe(`${identity.issuer}/token`);
    expect(identity.knownAuthorities).toEqual([new URL(identity.url).host]);
  });

  it("signs a seeded operator in with auth code + PKCE and issues an Entra-like API token, id token and refresh token", async () => {
    const { tokens } = await headlessSignIn({
      issuer: identity.issuer,
      redirectUri: `${SPA_ORIGIN}/redirect.html`,
      operatorOid: ada.oid,
    });
    const jwks = createRemoteJWKSet(new URL(identity.jwksUri));
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
      issuer: identity.issuer,
      audience: BFF_CLIENT_ID,
    });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload).toMatchObject({
      oid: ada.oid,
      sub: ada.oid,
      tid: LOCAL_TENANT_ID,
      scp: "access_as_user",
      azp: SPA_CLIENT_ID,
      ver: "2.0",
      name: "Ada Lovelace",
      preferred_username: "ada@contoso.example",
    });
    const idToken = decodeJwt(tokens.id_token);
    expect(idToken).toMatchObject({
      aud: SPA_CLIENT_ID,
      oid: ada.oid,
      tid: LOCAL_TENANT_ID,
      name: "Ada Lovelace",
    });
    expect(tokens.refresh_token).toBeTruthy();
    expect(JSON.parse(Buffer.from(tokens.client_info ?? "", "base64url").toString())).toEqual({
      uid: ada.oid,
      utid: LOCAL_TENANT_ID,
    });
  });

  it("refreshes the SPA's token over CORS even when MSAL asks for offline_access again", async () => {
    const { tokens } = await headlessSignIn({
      issuer: identity.issuer,
      redirectUri: `${SPA_ORIGIN}/`,
      typedName: "Jane Doe",
    });
    const res = await fetch(`${identity.issuer}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: SPA_ORIGIN },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        client_id: SPA_CLIENT_ID,
        refresh_token: tokens.refresh_token!,
        scope: "api://9b4a2e6f-1c3d-4f8a-b7e5-0d9c8b6a5f21/access_as_user openid profile offline_access",
      }).toString(),
    });
    const body = (await res.json()) as Record<string, string>;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(SPA_ORIGIN);
    expect(decodeJwt(body.access_token!)).toMatchObject({
      name: "Jane Doe",
      preferred_username: "jane.doe@contoso.example",
      aud: BFF_CLIENT_ID,
    });
    expect(body.refresh_token).toBeTruthy();
  });

  it("refuses CORS from an origin that is not the SPA's", async () => {
    const res = await fetch(`${identity.issuer}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://evil.example" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        client_id: SPA_CLIENT_ID,
        refresh_token: "x",
      }).toString(),
    });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("runs msal-node on-behalf-of for Batch and ARM, returning verifiable user tokens with an id_token", async () => {
    const { tokens } = await headlessSignIn({
      issuer: identity.issuer,
      redirectUri: `${SPA_ORIGIN}/`,
      operatorOid: ada.oid,
    });
    const bff = bffApp(identity);
    const jwks = createRemoteJWKSet(new URL(identity.jwksUri));

    const batch = await bff.acquireTokenOnBehalfOf({
      oboAssertion: tokens.access_token,
      scopes: [BATCH_SCOPE],
    });
    expect(batch?.account?.homeAccountId).toBe(`${ada.oid}.${LOCAL_TENANT_ID}`);
    const { payload } = await jwtVerify(batch!.accessToken, jwks, {
      issuer: identity.issuer,
      audience: BATCH_RESOURCE,
    });
    expect(payload).toMatchObject({
      oid: ada.oid,
      tid: LOCAL_TENANT_ID,
      scp: "user_impersonation",
      azp: BFF_CLIENT_ID,
      name: "Ada Lovelace",
    });

    const again = await bff.acquireTokenOnBehalfOf({
      oboAssertion: tokens.access_token,
      scopes: [BATCH_SCOPE],
    });
    expect(again?.fromCache).toBe(true);

    const arm = await bff.acquireTokenOnBehalfOf({ oboAssertion: tokens.access_token, scopes: [ARM_SCOPE] });
    await expect(
      jwtVerify(arm!.accessToken, jwks, { issuer: identity.issuer, audience: ARM_RESOURCE }),
    ).resolves.toBeTruthy();

    // An app-only token from the same msal-node instance must not be served the user's OBO token (pitfall 5).
    const app = await bff.acquireTokenByClientCredential({ scopes: [BATCH_SCOPE] });
    const appClaims = decodeJwt(app!.accessToken);
    expect(appClaims).toMatchObject({
      aud: BATCH_RESOURCE,
      idtyp: "app",
      azp: BFF_CLIENT_ID,
      tid: LOCAL_TENANT_ID,
    });
    expect(appClaims.oid).not.toBe(ada.oid);
  });

  it("issues client-credentials tokens for the arm-compute scope spelling too", async () => {
    const app = await bffApp(identity).acquireTokenByClientCredential({
      scopes: ["https://management.azure.com/.default"],
    });
    expect(decodeJwt(app!.accessToken).aud).toBe(ARM_RESOURCE);
  });

  it("refuses a forged or wrong-audience assertion with invalid_grant", async () => {
    const bff = bffApp(identity);
    const forged = `${Buffer.from(JSON.stringify({ alg: "RS256", typ: "at+jwt" })).toString("base64url")}.${Buffer.from(JSON.stringify({ iss: identity.issuer, aud: BFF_CLIENT_ID, sub: ada.oid, exp: 9999999999 })).toString("base64url")}.c2lnbmF0dXJl`;
    await expect(
      bff.acquireTokenOnBehalfOf({ oboAssertion: forged, scopes: [BATCH_SCOPE] }),
    ).rejects.toMatchObject({ errorCode: "invalid_grant" });
    // A Batch token fed back in: valid signature, wrong audience.
    const app = await bff.acquireTokenByClientCredential({ scopes: [BATCH_SCOPE] });
    await expect(
      bff.acquireTokenOnBehalfOf({ oboAssertion: app!.accessToken, scopes: [ARM_SCOPE] }),
    ).rejects.toMatchObject({ errorCode: "invalid_grant" });
  });

  it("refuses a wrong client secret", async () => {
    await expect(
      bffApp(identity, "wrong").acquireTokenByClientCredential({ scopes: [BATCH_SCOPE] }),
    ).rejects.toMatchObject({ errorCode: "invalid_client" });
  });

  it("serves a sign-in page with labels, no inline styles and no external requests", async () => {
    const res = await fetch(
      `${identity.issuer}/auth?client_id=${SPA_CLIENT_ID}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(`${SPA_ORIGIN}/`)}&code_challenge=${"a".repeat(43)}&code_challenge_method=S256`,
      { redirect: "manual" },
    );
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const page = await fetch(new URL(res.headers.get("location")!, identity.url), { headers: { cookie } });
    const html = await page.text();
    expect(html).toContain('<label for="login">');
    expect(html).toContain("Ada Lovelace");
    expect(html).not.toMatch(/<style|style=|https?:\/\/(?!127\.0\.0\.1)/);
  });

  it("signs out and returns to the SPA, and the next sign-in shows the form again", async () => {
    const jar = new CookieJar();
    await headlessSignIn({
      issuer: identity.issuer,
      redirectUri: `${SPA_ORIGIN}/`,
      operatorOid: ada.oid,
      jar,
    });
    // What msal-browser's logoutRedirect sends: only post_logout_redirect_uri.
    const logout = await fetch(
      `${identity.issuer}/session/end?post_logout_redirect_uri=${encodeURIComponent(`${SPA_ORIGIN}/`)}`,
      { headers: { cookie: jar.header() } },
    );
    jar.store(logout);
    const html = await logout.text();
    expect(html).toContain('src="/' + LOCAL_TENANT_ID + '/v2.0/assets/logout.js"');
    const action = /action="([^"]+)"/.exec(html)![1]!;
    const fields = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    expect(fields.logout).toBe("yes");
    const confirmed = await fetch(new URL(action, identity.url), {
      method: "POST",
      redirect: "manual",
      headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
    jar.store(confirmed);
    expect(confirmed.headers.get("location")).toBe(`${SPA_ORIGIN}/`);
    const again = await fetch(
      `${identity.issuer}/auth?client_id=${SPA_CLIENT_ID}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(`${SPA_ORIGIN}/`)}&code_challenge=${"a".repeat(43)}&code_challenge_method=S256`,
      { redirect: "manual", headers: { cookie: jar.header() } },
    );
    expect(again.headers.get("location")).toContain("/interaction/");
  });

  it("requires PKCE on the authorization request", async () => {
    const res = await fetch(
      `${identity.issuer}/auth?client_id=${SPA_CLIENT_ID}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(`${SPA_ORIGIN}/`)}`,
      { redirect: "manual" },
    );
    const location = new URL(res.headers.get("location")!);
    expect(location.origin).toBe(SPA_ORIGIN);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("error_description")).toMatch(/PKCE/);
  });

  it("answers on-behalf-of misuse with OAuth errors: wrong requested_token_use, public client", async () => {
    const { tokens } = await headlessSignIn({
      issuer: identity.issuer,
      redirectUri: `${SPA_ORIGIN}/`,
      operatorOid: ada.oid,
    });
    const post = (
      body: Record<string, string>,
    ): Promise<{ status: number; body: { error?: string; error_description?: string } }> =>
      fetch(`${identity.issuer}/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(body).toString(),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { error?: string; error_description?: string },
      }));
    const base = {
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      assertion: tokens.access_token,
      scope: BATCH_SCOPE,
    };
    expect(
      await post({
        ...base,
        client_id: BFF_CLIENT_ID,
        client_secret: DEFAULT_BFF_CLIENT_SECRET,
        requested_token_use: "something_else",
      }),
    ).toMatchObject({ status: 400, body: { error: "invalid_request" } });
    expect(
      await post({ ...base, client_id: SPA_CLIENT_ID, requested_token_use: "on_behalf_of" }),
    ).toMatchObject({
      status: 400,
      body: {
        error: "invalid_request",
        error_description: "requested grant type is not allowed for this client",
      },
    });
    expect(
      await post({
        ...base,
        client_id: BFF_CLIENT_ID,
        client_secret: DEFAULT_BFF_CLIENT_SECRET,
        requested_token_use: "on_behalf_of",
        scope: "https://vault.azure.net/.default",
      }),
    ).toMatchObject({ status: 400, body: { error: "invalid_scope" } });
  });
});
