import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRoutes, fillPath, type ApiRoute, type PathParamName } from "@batch-studio/shared";
import { createBffApp, type BffApp } from "./app";
import { startTestIssuer, TEST_ACCOUNT, TEST_SUBSCRIPTION } from "./testing/test-issuer";

type Issuer = Awaited<ReturnType<typeof startTestIssuer>>;

/** One well-formed value per path parameter; typed by the grammar table so a new parameter cannot be forgotten. */
const SAMPLE_PARAMS = {
  account: TEST_ACCOUNT,
  subscription: TEST_SUBSCRIPTION,
  resourceGroup: "rg",
  gallery: "g",
  image: "img",
  version: "1.0.0",
  pool: "p1",
  node: "n1",
  job: "j1",
  jobSchedule: "s1",
  task: "t1",
} satisfies Record<PathParamName, string>;

const protectedRoutes = (Object.entries(apiRoutes) as [string, ApiRoute][]).filter(([, r]) => r.auth);

describe("every protected /api route refuses bad tokens with 401", () => {
  let issuer: Issuer;
  let bff: BffApp;
  let base: string;
  const logs: string[] = [];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    issuer = await startTestIssuer();
    bff = createBffApp(issuer.config({ failedAuthPerMinute: 100_000 }), {
      logDestination: new Writable({ write: (chunk, _enc, cb) => { logs.push(String(chunk)); cb(); } }),
    });
    base = (await bff.listen(0, "127.0.0.1")).url;
    const now = Math.floor(Date.now() / 1000);
    tokens.expired = await issuer.sign({}, { expiresIn: now - 3600 });
    tokens.forged = await issuer.sign({}, { key: "forged" });
    tokens.wrongAudience = await issuer.sign({ aud: "https://batch.core.windows.net/" });
    tokens.wrongIssuer = await issuer.sign({ iss: "https://login.microsoftonline.com/other/v2.0" });
    tokens.notYetValid = await issuer.sign({}, { notBefore: now + 3600 });
  });
  afterAll(async () => {
    await bff.close();
    await issuer.close();
  });

  const cases: [string, (() => Record<string, string>)][] = [
    ["no token", () => ({})],
    ["a non-bearer header", () => ({ authorization: "Basic dXNlcjpwYXNz" })],
    ["an expired token", () => ({ authorization: `Bearer ${tokens.expired}` })],
    ["a forged token", () => ({ authorization: `Bearer ${tokens.forged}` })],
    ["a wrong-audience token", () => ({ authorization: `Bearer ${tokens.wrongAudience}` })],
    ["a wrong-issuer token", () => ({ authorization: `Bearer ${tokens.wrongIssuer}` })],
    ["a not-yet-valid token", () => ({ authorization: `Bearer ${tokens.notYetValid}` })],
  ];

  for (const [name, route] of protectedRoutes) {
    it.each(cases)(`${route.method} ${route.path} (${name}) with %s → 401`, async (_label, headers) => {
      const res = await fetch(`${base}${fillPath(route.path, SAMPLE_PARAMS)}`, {
        method: route.method,
        headers: { ...headers(), ...(route.body ? { "content-type": "application/json" } : {}) },
        ...(route.body ? { body: "{}" } : {}),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
      expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
      const body = (await res.json()) as { status: number; code: string; title: string };
      expect(body.status).toBe(401);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/); // never a stack trace
    });
  }

  it("accepts a good token (typ at+jwt is not pinned) and answers /api/me", async () => {
    const res = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${await issuer.sign()}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ oid: "0b5e6c0e-0000-4000-8000-000000000001", tenantId: issuer.tenantId, username: "alice@local" });
  });

  it("answers 403 with insufficient_scope when the token lacks access_as_user", async () => {
    const res = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${await issuer.sign({ scp: "other" })}` } });
    expect(res.status).toBe(403);
    expect(res.headers.get("www-authenticate")).toMatch(/insufficient_scope/);
  });

  it("serves health and the OpenAPI document without a token", async () => {
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    for (const route of Object.values(apiRoutes)) {
      expect(doc.paths[route.path.replace(/:([A-Za-z]+)/g, "{$1}")]?.[route.method.toLowerCase()]).toBeDefined();
    }
  });

  it("never logs a token", () => {
    const all = logs.join("");
    expect(all.length).toBeGreaterThan(0);
    for (const token of Object.values(tokens)) expect(all).not.toContain(token.split(".")[2]);
  });
});
