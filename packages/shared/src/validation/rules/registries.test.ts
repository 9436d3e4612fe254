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
  it("registry.identityNeedsPoolIdentity", () => {
    const id =
      "/subscriptions/s/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pull";
    const spec = withRegistries([
      { server: "myacr.azurecr.io", auth: { kind: "identity", identityResourceId: id } },
    ]);
    expect(poolIssues("registry.identityNeedsPoolIdentity", spec)).toEqual([
      expect.objectContaining({ level: "info", message: expect.stringContaining(id) }),
    ]);
    expect(poolIssues("registry.identityNeedsPoolIdentity", pool())).toEqual([]);
  });
});
