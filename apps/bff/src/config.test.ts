import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_REGISTRY_HOSTS, ENV, loadConfig } from "./config";

const minimal = {
  [ENV.authority]: "https://login.microsoftonline.com/7c2d8f3e-4b1a-4e9c-8d6f-2a5b3c1e9f00",
  [ENV.tenantId]: "7c2d8f3e-4b1a-4e9c-8d6f-2a5b3c1e9f00",
  [ENV.clientId]: "9b4a2e6f-1c3d-4f8a-b7e5-0d9c8b6a5f21",
  [ENV.clientSecret]: "s",
};

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe("loadConfig", () => {
  it("derives the SPA's API scope from the BFF client id unless it is set", () => {
    expect(loadConfig({ ...minimal, [ENV.spaClientId]: "spa" }).spa).toEqual({
      clientId: "spa",
      apiScope: `api://${minimal[ENV.clientId]}/access_as_user`,
    });
    expect(loadConfig({ ...minimal, [ENV.spaClientId]: "spa", [ENV.apiScope]: "api://x/y" }).spa?.apiScope).toBe("api://x/y");
    expect(loadConfig(minimal).spa).toBeUndefined();
  });

  it("applies Azure defaults to a minimal environment", () => {
    const c = loadConfig(minimal);
    expect(c).toMatchObject({
      armEndpoint: "https://management.azure.com",
      batchScheme: "https",
      accounts: { discovery: "arm" },
      port: 4300,
      apiAudiences: [minimal[ENV.clientId], `api://${minimal[ENV.clientId]}`],
      knownAuthorities: ["login.microsoftonline.com"],
      registry: { allowedHosts: DEFAULT_REGISTRY_HOSTS, privateAddresses: "none" },
    });
  });

  it("names every missing or wrong setting at once", () => {
    const problems = problemsOf({
      [ENV.authority]: "http://127.0.0.1:4400/t",
      [ENV.batchScheme]: "ftp",
      [ENV.port]: "eighty",
      [ENV.registryPrivateAddresses]: "some",
      [ENV.allowedOrigins]: "http://localhost:4300/app",
    });
    const text = problems.join("\n");
    expect(text).toMatch(`${ENV.authority}: must be an https:// URL`);
    expect(text).toMatch(`${ENV.tenantId}: is required`);
    expect(text).toMatch(`${ENV.clientId}: is required`);
    expect(text).toMatch(`${ENV.clientSecret}: is required unless`);
    expect(text).toMatch(`${ENV.batchScheme}: must be https or http`);
    expect(text).toMatch(`${ENV.port}: must be a port number`);
    expect(text).toMatch(`${ENV.registryPrivateAddresses}: must be none, loopback or all`);
    expect(text).toMatch(`${ENV.allowedOrigins}: "http://localhost:4300/app" is not an origin`);
  });

  it("validates the fixed account list and authority metadata as JSON", () => {
    const problems = problemsOf({ ...minimal, [ENV.accountDiscovery]: "fixed", [ENV.fixedAccounts]: '[{"name":"a"}]', [ENV.authorityMetadata]: "{not json" });
    expect(problems.join("\n")).toMatch(`${ENV.fixedAccounts}: 0.endpoint`);
    expect(problems.join("\n")).toMatch(`${ENV.authorityMetadata}: must be OpenID metadata`);
    expect(problemsOf({ ...minimal, [ENV.accountDiscovery]: "fixed" })).toEqual([`${ENV.fixedAccounts}: is required when ${ENV.accountDiscovery}=fixed`]);
  });

  it("reads the local-stack shape", () => {
    const c = loadConfig({
      ...minimal,
      [ENV.authority]: "https://127.0.0.1:4400/7c2d8f3e-4b1a-4e9c-8d6f-2a5b3c1e9f00",
      [ENV.authorityMetadata]: JSON.stringify({ issuer: "http://127.0.0.1:4400/t/v2.0", authorization_endpoint: "http://127.0.0.1:4400/t/v2.0/auth", token_endpoint: "http://127.0.0.1:4400/t/v2.0/token", jwks_uri: "http://127.0.0.1:4400/t/v2.0/jwks" }),
      [ENV.knownAuthorities]: "127.0.0.1:4400",
      [ENV.batchScheme]: "http",
      [ENV.registryAllowedHosts]: "127.0.0.1, localhost",
      [ENV.registryPrivateAddresses]: "loopback",
      [ENV.allowedOrigins]: "http://localhost:4300,http://localhost:5173",
    });
    expect(c.knownAuthorities).toEqual(["127.0.0.1:4400"]);
    expect(c.registry).toEqual({ allowedHosts: ["127.0.0.1", "localhost"], privateAddresses: "loopback" });
    expect(JSON.parse(c.authorityMetadata!).issuer).toBe("http://127.0.0.1:4400/t/v2.0");
  });
});
