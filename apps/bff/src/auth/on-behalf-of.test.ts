import { InteractionRequiredAuthError } from "@azure/msal-node";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { BffConfig } from "../config";
import { ARM_SCOPE, BATCH_SCOPE, OnBehalfOfTokens, oboProblem, type DownstreamScope, type DownstreamToken } from "./on-behalf-of";
import type { Operator } from "./token-verifier";

describe("oboProblem", () => {
  it("turns interaction_required into a 401 the SPA can act on, with the claims challenge", () => {
    const err = new InteractionRequiredAuthError("interaction_required", "corr-1", "AADSTS50076: MFA required", undefined, undefined, undefined, '{"access_token":{"acrs":{"essential":true}}}');
    const p = oboProblem(err, BATCH_SCOPE);
    expect(p.problem).toMatchObject({ status: 401, code: "interaction_required", scopes: [BATCH_SCOPE], claims: '{"access_token":{"acrs":{"essential":true}}}' });
    expect(p.headers["www-authenticate"]).toMatch(/insufficient_claims/);
  });

  it("turns missing consent into a 403 consent_required", () => {
    const p = oboProblem({ errorCode: "invalid_grant", errorMessage: "AADSTS65001: The user or administrator has not consented" }, BATCH_SCOPE);
    expect(p.problem).toMatchObject({ status: 403, code: "consent_required", scopes: [BATCH_SCOPE] });
  });

  it("reports other token failures as 502 without the raw error", () => {
    const p = oboProblem({ errorCode: "endpoints_resolution_error", errorMessage: "secret stuff" }, BATCH_SCOPE);
    expect(p.problem.status).toBe(502);
    expect(JSON.stringify(p.problem)).not.toContain("secret stuff");
  });
});

/** The cache in front of MSAL, with the exchange replaced by a counter (the MSAL call is not under test here). */
class CountingTokens extends OnBehalfOfTokens {
  calls: string[] = [];
  lifetimeMs = 60 * 60_000;
  constructor(private readonly clock: { t: number }, maxCachedTokens?: number) {
    super(configForTests, pino({ level: "silent" }), { now: () => clock.t, ...(maxCachedTokens !== undefined ? { maxCachedTokens } : {}) });
  }
  protected override async acquire(operator: Operator, scope: DownstreamScope): Promise<DownstreamToken> {
    this.calls.push(`${operator.oid}|${scope}`);
    await new Promise((r) => setImmediate(r));
    return { token: `token-for-${operator.oid}-${scope}-${this.calls.length}`, expiresOnMs: this.clock.t + this.lifetimeMs };
  }
}

const configForTests = {
  clientId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
  authority: "https://127.0.0.1:1/tenant",
  knownAuthorities: ["127.0.0.1:1"],
  clientCredential: { secret: "test-client-secret-value" },
} as BffConfig;

const operator = (oid: string): Operator => ({ oid, tenantId: "t1", scopes: ["access_as_user"], assertion: `assertion-of-${oid}` });

describe("OnBehalfOfTokens' per-user cache", () => {
  it("exchanges once per user and scope, and shares one exchange between concurrent requests", async () => {
    const tokens = new CountingTokens({ t: 1_000_000 });
    const alice = operator("alice");
    const [a, b] = await Promise.all([tokens.tokenFor(alice, BATCH_SCOPE), tokens.tokenFor(alice, BATCH_SCOPE)]);
    expect(a).toBe(b);
    expect(await tokens.tokenFor(alice, BATCH_SCOPE)).toBe(a);
    await tokens.tokenFor(alice, ARM_SCOPE);
    expect(tokens.calls).toEqual([`alice|${BATCH_SCOPE}`, `alice|${ARM_SCOPE}`]);
  });

  it("never answers one user with another's token", async () => {
    const tokens = new CountingTokens({ t: 1_000_000 });
    const forAlice = await tokens.tokenFor(operator("alice"), BATCH_SCOPE);
    const forBob = await tokens.tokenFor(operator("bob"), BATCH_SCOPE);
    expect(forAlice.token).toContain("alice");
    expect(forBob.token).toContain("bob");
    // Same oid in another tenant is another user.
    const other = await tokens.tokenFor({ ...operator("alice"), tenantId: "t2" }, BATCH_SCOPE);
    expect(other.token).not.toBe(forAlice.token);
  });

  it("refreshes ahead of expiry, so a token is never handed out in its last five minutes", async () => {
    const clock = { t: 1_000_000 };
    const tokens = new CountingTokens(clock);
    const first = await tokens.tokenFor(operator("alice"), BATCH_SCOPE);
    clock.t = first.expiresOnMs - 5 * 60_000 - 1;
    expect(await tokens.tokenFor(operator("alice"), BATCH_SCOPE)).toBe(first);
    clock.t += 1;
    const second = await tokens.tokenFor(operator("alice"), BATCH_SCOPE);
    expect(second).not.toBe(first);
    expect(second.expiresOnMs - clock.t).toBeGreaterThan(5 * 60_000);
  });

  it("holds at most its bound of user-scope tokens", async () => {
    const tokens = new CountingTokens({ t: 1_000_000 }, 2);
    for (const oid of ["a", "b", "c"]) await tokens.tokenFor(operator(oid), BATCH_SCOPE);
    await tokens.tokenFor(operator("c"), BATCH_SCOPE);
    await tokens.tokenFor(operator("b"), BATCH_SCOPE);
    expect(tokens.calls).toHaveLength(3);
    await tokens.tokenFor(operator("a"), BATCH_SCOPE); // evicted
    expect(tokens.calls).toHaveLength(4);
  });
});
