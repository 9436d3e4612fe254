import { describe, expect, it } from "vitest";
import { resolveScopes, resourceForScope } from "./resources";
import { ARM_RESOURCE, BATCH_RESOURCE, BFF_API_RESOURCE, BFF_API_SCOPE } from "../local-azure-constants";

describe("scope → resource inference (Entra rules)", () => {
  it.each([
    ["https://batch.core.windows.net//.default", BATCH_RESOURCE],
    ["https://batch.core.windows.net/.default", BATCH_RESOURCE],
    ["https://batch.core.windows.net/user_impersonation", BATCH_RESOURCE],
    ["https://management.azure.com/.default", ARM_RESOURCE],
    ["https://management.azure.com//.default", ARM_RESOURCE],
    [BFF_API_SCOPE, BFF_API_RESOURCE],
  ])("%s → %s", (scope, resource) => {
    expect(resourceForScope(scope)?.identifier).toBe(resource);
  });

  it("ignores OIDC scopes and finds the one API", () => {
    const r = resolveScopes(`openid profile offline_access ${BFF_API_SCOPE}`);
    expect(r).toMatchObject({ kind: "one", scopes: [BFF_API_SCOPE] });
  });

  it("answers none for OIDC-only requests", () => {
    expect(resolveScopes("openid profile")).toEqual({ kind: "none" });
    expect(resolveScopes(undefined)).toEqual({ kind: "none" });
  });

  it("refuses two APIs in one request, unknown APIs and unknown permissions", () => {
    expect(
      resolveScopes("https://batch.core.windows.net//.default https://management.azure.com//.default").kind,
    ).toBe("error");
    expect(resolveScopes("https://vault.azure.net/.default")).toMatchObject({
      kind: "error",
      message: expect.stringContaining("vault"),
    });
    expect(resolveScopes("https://batch.core.windows.net/write").kind).toBe("error");
  });
});
