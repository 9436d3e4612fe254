import { describe, expect, it } from "vitest";
import type { OnBehalfOfTokens } from "../auth/on-behalf-of";
import type { Operator } from "../auth/token-verifier";
import { GatewayCache } from "./operator-scope";

const operator = (oid: string, tenantId = "t1"): Operator => ({ oid, tenantId, scopes: ["access_as_user"], assertion: `assertion-of-${oid}` });
const tokens = { tokenFor: async (o: Operator) => ({ token: `batch-token-of-${o.oid}`, expiresOnMs: Date.now() + 3_600_000 }) } as unknown as OnBehalfOfTokens;

describe("GatewayCache (Batch clients per operator and account)", () => {
  it("reuses a user's client for the same account, and never hands it to another user", () => {
    const cache = new GatewayCache(tokens);
    const url = "http://contoso.westeurope.batch.local";
    const alice = cache.batchFor(operator("alice"), url);
    expect(cache.batchFor(operator("alice"), url)).toBe(alice);
    expect(cache.batchFor(operator("bob"), url)).not.toBe(alice);
    expect(cache.batchFor(operator("alice", "t2"), url)).not.toBe(alice);
    expect(cache.batchFor(operator("alice"), "http://other.batch.local")).not.toBe(alice);
  });

  it("holds at most its bound of clients", () => {
    const cache = new GatewayCache(tokens, undefined, 2);
    const url = "http://contoso.westeurope.batch.local";
    const a = cache.batchFor(operator("a"), url);
    cache.batchFor(operator("b"), url);
    cache.batchFor(operator("c"), url);
    expect(cache.batchFor(operator("a"), url)).not.toBe(a); // evicted, rebuilt
  });
});
