import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRouteEntries, type ApiRoute, type PathParamName } from "@batch-studio/shared";
import { createBffApp, type BffApp } from "./app";
import { startTestIssuer, TEST_SUBSCRIPTION } from "./testing/test-issuer";

type Issuer = Awaited<ReturnType<typeof startTestIssuer>>;

/** Well-formed values for every parameter; each case below breaks exactly one of them. */
const GOOD = {
  account: `${TEST_SUBSCRIPTION}~rg~acct`,
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

/** One more character than each grammar allows (Batch ids: 64). */
const TOO_LONG: Record<string, number> = {
  node: 129,
  resourceGroup: 91,
  gallery: 81,
  image: 81,
  version: 33,
};

/** Raw URL segments (sent as they are: no client normalises them away), and why each is bad. */
const BAD_SEGMENTS = (name: string): [string, string][] => [
  [".", "a dot segment"],
  ["..", "a dot-dot segment"],
  ["%2e%2e", "an encoded dot-dot segment"],
  ["a%2Fb", "an encoded slash"],
  ["", "an empty segment"],
  ["x".repeat(TOO_LONG[name] ?? 65), "an id that is too long"],
];

const rawPath = (route: ApiRoute, values: Record<string, string>) =>
  route.path.replace(/:([A-Za-z]+)/g, (_, n: string) => {
    const value = values[n];
    if (value === undefined) throw new Error(`no value for path parameter "${n}" in ${route.path}`);
    return value;
  });

/** One raw HTTP request: node:http sends the path byte for byte (fetch and browsers would resolve "..") */
const send = (base: URL, method: string, path: string, token: string, body?: string) =>
  new Promise<{ status: number; text: string; contentType: string }>((resolve, reject) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { "content-type": "application/json" } : {}),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            text,
            contentType: String(res.headers["content-type"] ?? ""),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });

describe("every path parameter is checked against its grammar before anything acts on it", () => {
  let issuer: Issuer;
  let bff: BffApp;
  let base: URL;
  let token: string;
  let upstream: Server;
  const upstreamRequests: string[] = [];

  beforeAll(async () => {
    // Batch and ARM both point at a recorder: any request reaching it means a handler ran.
    upstream = createServer((req, res) => {
      upstreamRequests.push(`${req.method} ${req.url}`);
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
    const port = (upstream.address() as AddressInfo).port;
    issuer = await startTestIssuer();
    const config = issuer.config();
    bff = createBffApp(
      {
        ...config,
        armEndpoint: `http://127.0.0.1:${port}`,
        accounts: {
          discovery: "fixed",
          list: [
            {
              name: "acct",
              endpoint: `127.0.0.1:${port}`,
              location: "local",
              subscriptionId: TEST_SUBSCRIPTION,
              resourceGroup: "rg",
            },
          ],
        },
      },
      { logDestination: { write: () => true } },
    );
    base = new URL((await bff.listen(0, "127.0.0.1")).url);
    token = await issuer.sign();
  });
  afterAll(async () => {
    await bff.close();
    await issuer.close();
    await new Promise((r) => upstream.close(r));
  });

  const cases = apiRouteEntries.flatMap(([name, route]) =>
    [...route.path.matchAll(/:([A-Za-z]+)/g)].flatMap(([, param = ""]) =>
      BAD_SEGMENTS(param).map(([segment, why]) => ({
        label: `${name}: ${param} = ${why}`,
        route,
        param,
        segment,
      })),
    ),
  );

  it("has cases for every parameterised route", () => {
    expect(cases.length).toBeGreaterThan(200);
  });

  it.each(cases)("$label → 400 naming the parameter", async ({ route, param, segment }) => {
    const path = rawPath(route, { ...GOOD, [param]: segment });
    const res = await send(base, route.method, path, token, "body" in route ? "{}" : undefined);
    expect(res.status, `${route.method} ${path}: ${res.text}`).toBe(400);
    expect(res.contentType).toMatch(/application\/problem\+json/);
    const problem = JSON.parse(res.text) as { issues?: { path: (string | number)[]; message: string }[] };
    expect(problem.issues?.[0]?.path).toEqual(["path", param]);
    expect(problem.issues?.[0]?.message.length).toBeGreaterThan(5);
  });

  it("sent nothing upstream for any of them", () => {
    expect(upstreamRequests).toEqual([]);
  });

  it("is strict about trailing slashes: /pools/ is not the pool list", async () => {
    const res = await send(base, "GET", `/api/accounts/${GOOD.account}/pools/`, token);
    expect(res.status).toBe(400);
    expect(res.text).toContain("pool id is required");
    expect((await send(base, "GET", "/api/me/", token)).status).toBe(404);
  });
});

describe("failed authentication has a budget per client address", () => {
  let issuer: Issuer;
  const apps: BffApp[] = [];

  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await issuer.close();
  });

  const start = async (trustedProxies: string[] = []) => {
    const app = createBffApp(issuer.config({ failedAuthPerMinute: 100, trustedProxies }), {
      logDestination: { write: () => true },
    });
    apps.push(app);
    return (await app.listen(0, "127.0.0.1")).url;
  };

  it("answers 429 with Retry-After once 100 forged tokens a minute came from one address, never to a valid token", async () => {
    const url = await start();
    const forged = await issuer.sign({}, { key: "forged" });
    const good = await issuer.sign();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 150; i++) {
      const res = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${forged}` } });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get("retry-after");
      await res.arrayBuffer();
      // The operator at the same address is never refused by the budget.
      if (i % 25 === 0 || i === 149)
        expect((await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${good}` } })).status).toBe(
          200,
        );
    }
    expect(statuses.slice(0, 100).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(100).every((s) => s === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  });

  it("believes X-Forwarded-For only from a trusted proxy", async () => {
    const forged = await issuer.sign({}, { key: "forged" });
    const flood = async (url: string, forwardedFor: (i: number) => string) => {
      const statuses = new Set<number>();
      for (let i = 0; i < 120; i++) {
        const res = await fetch(`${url}/api/me`, {
          headers: { authorization: `Bearer ${forged}`, "x-forwarded-for": forwardedFor(i) },
        });
        statuses.add(res.status);
        await res.arrayBuffer();
      }
      return statuses;
    };
    // Untrusted: a new made-up address per request does not escape the budget.
    expect(await flood(await start(), (i) => `203.0.113.${i}`)).toEqual(new Set([401, 429]));
    // Behind a trusted proxy (loopback here), each real client has its own budget.
    expect(await flood(await start(["loopback"]), (i) => `203.0.113.${i}`)).toEqual(new Set([401]));
  });
});
