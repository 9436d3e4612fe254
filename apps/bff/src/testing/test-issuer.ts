import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { startTestServer } from "../registry/test-servers";
import type { BffConfig } from "../config";

/**
 * A minimal token issuer for the BFF's own auth tests: a JWKS endpoint on loopback and a signer.
 * (The integration tests use the emulator's real identity provider instead.)
 */
/** The subscription of the test's one fixed account (subscription ids are GUIDs; the BFF checks). */
export const TEST_SUBSCRIPTION = "00000000-0000-4000-8000-000000000001";
/** The portal account id of that account. */
export const TEST_ACCOUNT = `${TEST_SUBSCRIPTION}~rg~acct`;

export const startTestIssuer = async () => {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const forger = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const server = await startTestServer((req, res) => {
    if (req.url === "/jwks") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404).end();
    }
  });
  const tenantId = "11111111-2222-3333-4444-555555555555";
  const clientId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
  const issuer = `${server.base}/${tenantId}/v2.0`;

  const sign = async (claims: JWTPayload = {}, opts: { key?: "good" | "forged"; expiresIn?: string | number; notBefore?: string | number } = {}) => {
    const now = Math.floor(Date.now() / 1000);
    let jwt = new SignJWT({ oid: "0b5e6c0e-0000-4000-8000-000000000001", tid: tenantId, scp: "access_as_user", name: "Alice", preferred_username: "alice@local", ...claims })
      .setProtectedHeader({ alg: "RS256", kid: "test-key", typ: "at+jwt" })
      .setIssuer(issuer)
      .setAudience(clientId)
      .setSubject("alice")
      .setIssuedAt(now - 10)
      .setExpirationTime(opts.expiresIn ?? now + 3600);
    if (opts.notBefore !== undefined) jwt = jwt.setNotBefore(opts.notBefore);
    if (claims.aud !== undefined) jwt = jwt.setAudience(claims.aud as string);
    if (claims.iss !== undefined) jwt = jwt.setIssuer(claims.iss as string);
    return jwt.sign(opts.key === "forged" ? forger.privateKey : privateKey);
  };

  const config = (overrides: Partial<BffConfig> = {}): BffConfig => ({
    authority: `https://127.0.0.1:1/${tenantId}`,
    tenantId,
    clientId,
    clientCredential: { secret: "test-client-secret-value" },
    apiAudiences: [clientId, `api://${clientId}`],
    knownAuthorities: ["127.0.0.1:1"],
    authorityMetadata: JSON.stringify({
      issuer,
      authorization_endpoint: `${server.base}/${tenantId}/v2.0/auth`,
      token_endpoint: `${server.base}/${tenantId}/v2.0/token`,
      jwks_uri: `${server.base}/jwks`,
    }),
    armEndpoint: "http://127.0.0.1:1",
    batchScheme: "http",
    accounts: { discovery: "fixed", list: [{ name: "acct", endpoint: "127.0.0.1:1", location: "local", subscriptionId: TEST_SUBSCRIPTION, resourceGroup: "rg" }] },
    registry: { allowedHosts: ["127.0.0.1"], privateAddresses: "loopback" },
    allowedOrigins: ["http://localhost:4300"],
    host: "127.0.0.1",
    port: 0,
    spaDir: "/nonexistent",
    rateLimitPerMinute: 1000,
    failedAuthPerMinute: 100,
    trustedProxies: [],
    checkResponses: true,
    jsonBodyLimit: "1mb",
    logLevel: "info",
    ...overrides,
  });

  return { sign, issuer, tenantId, clientId, config, close: server.close };
};
