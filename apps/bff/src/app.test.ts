import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRoutes } from "@batch-studio/shared";
import { createBffApp, type BffApp } from "./app";
import { startTestIssuer, TEST_ACCOUNT } from "./testing/test-issuer";

type Issuer = Awaited<ReturnType<typeof startTestIssuer>>;

describe("BFF HTTP behaviour", () => {
  let issuer: Issuer;
  let bff: BffApp;
  let base: string;
  let token: string;
  let spaDir: string;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    spaDir = await mkdtemp(join(tmpdir(), "bff-spa-"));
    await writeFile(join(spaDir, "index.html"), "<!doctype html><title>Batch Studio</title>");
    await writeFile(join(spaDir, "redirect.html"), "<!doctype html><title>redirect</title>");
    bff = createBffApp(issuer.config({ spaDir, rateLimitPerMinute: 5, jsonBodyLimit: "2kb" }), { logDestination: { write: () => true } as never });
    base = (await bff.listen(0, "127.0.0.1")).url;
    token = await issuer.sign();
  });
  afterAll(async () => {
    await bff.close();
    await issuer.close();
    await rm(spaDir, { recursive: true, force: true });
  });

  const auth = () => ({ authorization: `Bearer ${token}` });

  it("serves the SPA's public sign-in settings at /api/config without a token, and no secret", async () => {
    const spa = { clientId: "spa-client", apiScope: "api://bff/access_as_user" };
    const withSpa = createBffApp(issuer.config({ spaDir, spa }), { logDestination: { write: () => true } as never });
    const url = (await withSpa.listen(0, "127.0.0.1")).url;
    try {
      const res = await fetch(`${url}/api/config`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { auth: Record<string, unknown> };
      expect(body.auth).toMatchObject({ clientId: "spa-client", scopes: ["api://bff/access_as_user"] });
      expect(JSON.stringify(body)).not.toMatch(/secret/i);
    } finally {
      await withSpa.close();
    }
    // Without an SPA client id the BFF is API-only and says what to set.
    const apiOnly = await fetch(`${base}/api/config`);
    expect(apiOnly.status).toBe(404);
    expect(((await apiOnly.json()) as { title: string }).title).toContain("BATCH_STUDIO_SPA_CLIENT_ID");
  });

  it("answers unknown /api routes with a 404 problem", async () => {
    const res = await fetch(`${base}/api/nope`, { headers: auth() });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 404, code: "not_found" });
  });

  it("lists every bad field of a request body with its path", async () => {
    const res = await fetch(`${base}/api/accounts/${TEST_ACCOUNT}/jobs`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/json" },
      body: JSON.stringify({ id: "bad id", priority: 5000 }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: { path: (string | number)[]; message: string }[] };
    expect(body.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["id", "poolId", "priority"]));
  });

  it("lists every bad query parameter", async () => {
    const res = await fetch(`${base}/api/accounts/${TEST_ACCOUNT}/jobs/j/tasks?state=sleeping&pageSize=0&exitCode=x`, { headers: auth() });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: { path: (string | number)[] }[] };
    expect(body.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["state", "pageSize", "exitCode"]));
  });

  it("answers malformed JSON with 400 and a too-large body with 413", async () => {
    const bad = await fetch(`${base}/api/registry/test`, { method: "POST", headers: { ...auth(), "content-type": "application/json" }, body: "{nope" });
    expect(bad.status).toBe(400);
    const big = await fetch(`${base}/api/registry/test`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/json" },
      body: JSON.stringify({ server: "x".repeat(5000) }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ status: 413, code: "payload_too_large" });
  });

  it("echoes a GUID x-request-id and replaces anything else", async () => {
    const id = "3a4b5c6d-1111-4222-8333-944445555666";
    expect((await fetch(`${base}/api/health`, { headers: { "x-request-id": id } })).headers.get("x-request-id")).toBe(id);
    const other = (await fetch(`${base}/api/health`, { headers: { "x-request-id": "not-a-guid; drop table" } })).headers.get("x-request-id");
    expect(other).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends API JSON in one piece with its length, the security headers and no ETag", async () => {
    const answers = [
      await fetch(`${base}/api/me`, { headers: auth() }),
      await fetch(`${base}/api/openapi.json`),
      await fetch(`${base}/api/nope`, { headers: auth() }),
      await fetch(`${base}/api/me`),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 404, 401]);
    for (const res of answers) {
      const body = Buffer.from(await res.arrayBuffer());
      expect(res.headers.get("content-length")).toBe(String(body.length));
      expect(JSON.parse(body.toString("utf8"))).toBeTypeOf("object");
      expect(res.headers.get("etag")).toBeNull();
      expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("strict-transport-security")).toMatch(/max-age=/);
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(answers[0]!.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const head = await fetch(`${base}/api/health`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get("content-length"))).toBeGreaterThan(0);
    expect(await head.text()).toBe("");
  });

  it("allows CORS only from configured origins", async () => {
    const ok = await fetch(`${base}/api/me`, { method: "OPTIONS", headers: { origin: "http://localhost:4300", "access-control-request-method": "GET" } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe("http://localhost:4300");
    // Every method of the route table, or a browser on another origin could not send it (PUT: the start task route).
    const methods = ok.headers.get("access-control-allow-methods")?.split(/,\s*/) ?? [];
    for (const route of Object.values(apiRoutes)) expect(methods).toContain(route.method);
    const denied = await fetch(`${base}/api/me`, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "GET" } });
    expect(denied.status).toBe(403);
    expect(denied.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("serves the SPA with a strict CSP, index.html for client routes, and /redirect.html", async () => {
    const page = await fetch(`${base}/pools/p1`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Batch Studio");
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toMatch(/connect-src 'self' https:\/\/127\.0\.0\.1:1 http:\/\/127\.0\.0\.1:\d+/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(await (await fetch(`${base}/redirect.html`)).text()).toContain("redirect");
  });

  it("rate-limits per user with 429 and Retry-After", async () => {
    const other = await issuer.sign({ oid: "0b5e6c0e-0000-4000-8000-00000000beef" });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${other}` } });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get("retry-after");
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
