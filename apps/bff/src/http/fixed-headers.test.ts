import type { RequestHandler } from "express";
import helmet from "helmet";
import { describe, expect, it } from "vitest";
import { fixedHeaders } from "./fixed-headers";

/** A response that records what a middleware does to its headers. */
const recordingResponse = () => {
  const headers = new Map<string, unknown>();
  const removed: string[] = [];
  const res = {
    setHeader: (k: string, v: unknown) => headers.set(k.toLowerCase(), v),
    removeHeader: (k: string) => removed.push(k.toLowerCase()),
  };
  return { headers, removed, res };
};

const run = (mw: RequestHandler) => {
  const r = recordingResponse();
  let nextCalls = 0;
  void mw({} as never, r.res as never, () => nextCalls++);
  return { ...r, nextCalls };
};

describe("fixedHeaders", () => {
  it("sets exactly the headers helmet sets, and removes what it removes", () => {
    const h = helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] },
      },
    });
    const direct = run(h);
    const replayed = run(fixedHeaders(h));
    expect(replayed.nextCalls).toBe(1);
    expect([...replayed.headers]).toEqual([...direct.headers]);
    expect(replayed.removed).toEqual(direct.removed);
    expect(replayed.headers.get("content-security-policy")).toBe("default-src 'self';frame-ancestors 'none'");
    expect(replayed.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("refuses a middleware whose headers depend on the request (a CSP nonce)", () => {
    const nonce = helmet({
      contentSecurityPolicy: {
        directives: {
          scriptSrc: ["'self'", (req) => `'nonce-${String((req as { nonce?: string }).nonce)}'`],
        },
      },
    });
    expect(() => fixedHeaders(nonce)).toThrow(/read req\.nonce/);
  });

  it("refuses a middleware that does more than set headers, or finishes later", () => {
    expect(() => fixedHeaders((_req, res, next) => (res.status(200), next()))).toThrow(/read res\.status/);
    expect(() => fixedHeaders((_req, _res, next) => void setTimeout(next, 0))).toThrow(/synchronously/);
  });
});
