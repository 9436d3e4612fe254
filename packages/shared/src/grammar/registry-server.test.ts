import { describe, expect, it } from "vitest";
import { checkRegistryServer, isRegistryServer, suggestRegistryServer } from "./registry-server";

describe("isRegistryServer", () => {
  it.each([
    "myacr.azurecr.io",
    "docker.io",
    "localhost",
    "localhost:5000",
    "127.0.0.1:5000",
    "[::1]:5000",
    "MyContainerRegistry.azurecr.io",
  ])("accepts %s", (server) => expect(isRegistryServer(server)).toBe(true));
  it.each([
    "https://myacr.azurecr.io/",
    "myacr.azurecr.io/path",
    "",
    "my acr",
    "host:0",
    "host:70000",
    "-bad.io",
    "host:port",
  ])("rejects %j", (server) => expect(isRegistryServer(server)).toBe(false));
});

describe("checkRegistryServer", () => {
  it("says why a server is not a host", () => {
    expect(checkRegistryServer("https://x.io")).toEqual({ ok: false, reason: expect.stringMatching(/URL/) });
    expect(checkRegistryServer("x.io/v2")).toEqual({ ok: false, reason: expect.stringMatching(/path/) });
    expect(checkRegistryServer(" ")).toEqual({ ok: false, reason: expect.stringMatching(/empty/) });
    expect(checkRegistryServer("index.docker.io")).toEqual({ ok: true, value: "docker.io" });
  });
});

describe("suggestRegistryServer", () => {
  it("strips scheme, credentials and path", () => {
    expect(suggestRegistryServer("https://myacr.azurecr.io/")).toBe("myacr.azurecr.io");
    expect(suggestRegistryServer("http://user@localhost:5000/v2/")).toBe("localhost:5000");
    expect(suggestRegistryServer("myacr.azurecr.io/team")).toBe("myacr.azurecr.io");
    expect(suggestRegistryServer("myacr.azurecr.io")).toBeUndefined();
    expect(suggestRegistryServer("https:///")).toBeUndefined();
  });
});
