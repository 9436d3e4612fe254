import { InteractionRequiredAuthError } from "@azure/msal-node";
import { describe, expect, it } from "vitest";
import { BATCH_SCOPE, oboProblem } from "./on-behalf-of";

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
