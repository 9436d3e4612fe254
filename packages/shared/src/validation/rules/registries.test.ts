import { describe, expect, it } from "vitest";
import type { RegistrySpec } from "../../registry-spec";
import { pool, poolIssues } from "../test-support";

const reg = (server: string): RegistrySpec => ({
  server,
  auth: { kind: "password", username: "u", password: "p" },
});
const withRegistries = (registries: RegistrySpec[], prefetchImages = ["myacr.azurecr.io/app"]) =>
  pool((p) => void (p.container = { prefetchImages, registries }));

describe("registry rules", () => {
  it("registry.serverFormat strips scheme and path in its fix", () => {
    expect(poolIssues("registry.serverFormat", pool())).toEqual([]);
    const [issue] = poolIssues("registry.serverFormat", withRegistries([reg("https://myacr.azurecr.io/")]));
    expect(issue).toMatchObject({
      path: ["container", "registries", 0, "server"],
      level: "error",
      message: expect.stringMatching(/ContainerInvalidRegistry/),
    });
    expect(issue?.fix?.patch).toEqual([
      { path: ["container", "registries", 0, "server"], value: "myacr.azurecr.io" },
    ]);
    expect(poolIssues("registry.serverFormat", withRegistries([reg("not a host")]))[0]?.fix).toBeUndefined();
  });
  it("registry.duplicate", () => {
    expect(
      poolIssues("registry.duplicate", withRegistries([reg("myacr.azurecr.io"), reg("MYACR.azurecr.io")])),
    ).toEqual([
      expect.objectContaining({ path: ["container", "registries", 1, "server"], level: "warning" }),
    ]);
    expect(
      poolIssues("registry.duplicate", withRegistries([reg("myacr.azurecr.io"), reg("other.io")])),
    ).toEqual([]);
  });
  it("registry.unused", () => {
    expect(poolIssues("registry.unused", withRegistries([reg("myacr.azurecr.io"), reg("other.io")]))).toEqual(
      [expect.objectContaining({ path: ["container", "registries", 1, "server"], level: "info" })],
    );
    expect(poolIssues("registry.unused", withRegistries([reg("index.docker.io")], ["myorg/app"]))).toEqual(
      [],
    );
  });
  it("registry.loginFailed from probe results", () => {
    const spec = withRegistries([reg("myacr.azurecr.io"), reg("b.io"), reg("c.io"), reg("d.io")]);
    const issues = poolIssues("registry.loginFailed", spec, {
      registries: [
        { server: "myacr.azurecr.io", status: "ok" },
        { server: "b.io", status: "unauthorized" },
        { server: "c.io", status: "unreachable" },
        { server: "d.io", status: "refused", message: "not on the allowlist" },
      ],
    });
    expect(issues.map((i) => [i.path, i.level])).toEqual([
      [["container", "registries", 1], "error"],
      [["container", "registries", 2], "error"],
      [["container", "registries", 3], "info"],
    ]);
    expect(JSON.stringify(issues)).not.toContain('"p"');
  });
  it("registry.identityNeedsPoolIdentity warns that pools created here cannot carry the identity", () => {
    const id =
      "/subscriptions/5b8f2c1d-9e4a-4d3b-a6c7-8e1f0a2b3c4d/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pull";
    const spec = withRegistries([
      { server: "myacr.azurecr.io", auth: { kind: "identity", identityResourceId: id } },
    ]);
    const [issue, ...rest] = poolIssues("registry.identityNeedsPoolIdentity", spec);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ path: ["container", "registries", 0, "auth"], level: "warning" });
    expect(issue?.message).toContain(id);
    expect(issue?.message).toMatch(/Batch service API, which cannot attach identities/);
    expect(poolIssues("registry.identityNeedsPoolIdentity", pool())).toEqual([]);
  });
  it("registry.identityResourceIdFormat accepts user-assigned identity ids in any case", () => {
    const ids = [
      "/subscriptions/5b8f2c1d-9e4a-4d3b-a6c7-8e1f0a2b3c4d/resourceGroups/rg-batch.studio(1)/providers/Microsoft.ManagedIdentity/userAssignedIdentities/acr-pull_1",
      "/SUBSCRIPTIONS/5B8F2C1D-9E4A-4D3B-A6C7-8E1F0A2B3C4D/resourcegroups/RG/providers/microsoft.managedidentity/USERASSIGNEDIDENTITIES/Pull",
    ];
    for (const id of ids) {
      const spec = withRegistries([
        { server: "myacr.azurecr.io", auth: { kind: "identity", identityResourceId: id } },
      ]);
      expect(poolIssues("registry.identityResourceIdFormat", spec)).toEqual([]);
    }
  });
  it("registry.identityResourceIdFormat rejects what is not such an id, at the field", () => {
    const cases: [string, RegExp][] = [
      [
        "/subscriptions/s/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pull",
        /check the subscription guid/,
      ],
      ["5b8f2c1d-9e4a-4d3b-a6c7-8e1f0a2b3c4d", /client or principal id/],
      ["https://management.azure.com/subscriptions/5b8f2c1d-9e4a-4d3b-a6c7-8e1f0a2b3c4d", /not a URL/],
      [
        "/subscriptions/5b8f2c1d-9e4a-4d3b-a6c7-8e1f0a2b3c4d/resourceGroups/r/providers/Microsoft.Compute/galleries/g",
        /expected \/subscriptions\/\{subscription guid\}/,
      ],
      [
        "/subscriptions/5b8f2c1d-9e4a-4d3b-a6c7-8e1f0a2b3c4d/resourceGroups/r./providers/Microsoft.ManagedIdentity/userAssignedIdentities/pull",
        /check the subscription guid/,
      ],
      [
        "/subscriptions/5b8f2c1d-9e4a-4d3b-a6c7-8e1f0a2b3c4d/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ab",
        /check the subscription guid/,
      ],
      [
        "/subscriptions/5b8f2c1d-9e4a-4d3b-a6c7-8e1f0a2b3c4d/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pull/extra",
        /check the subscription guid/,
      ],
    ];
    for (const [id, reason] of cases) {
      const spec = withRegistries([
        { server: "a.io", auth: { kind: "password", username: "u", password: "p" } },
        { server: "myacr.azurecr.io", auth: { kind: "identity", identityResourceId: id } },
      ]);
      expect(poolIssues("registry.identityResourceIdFormat", spec), id).toEqual([
        {
          path: ["container", "registries", 1, "auth", "identityResourceId"],
          level: "error",
          code: "registry.identityResourceIdFormat",
          message: expect.stringMatching(reason),
        },
      ]);
    }
  });
});
