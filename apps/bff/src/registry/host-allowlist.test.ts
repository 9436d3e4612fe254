import { describe, expect, it } from "vitest";
import { createHostAllowlist } from "./host-allowlist";

describe("createHostAllowlist", () => {
  const allowed = createHostAllowlist(["*.azurecr.io", "ghcr.io", "127.0.0.1:5123", "localhost"]);
  it.each([
    ["myacr.azurecr.io", true],
    ["MyAcr.AzureCR.io", true],
    ["myacr.azurecr.io:443", true],
    ["azurecr.io", false],
    ["evil.com", false],
    ["myacr.azurecr.io.evil.com", false],
    ["ghcr.io", true],
    ["127.0.0.1:5123", true],
    ["127.0.0.1:5124", false],
    ["127.0.0.1", false],
    ["localhost:8080", true],
  ])("%s → %s", (host, expected) => {
    expect(allowed(host)).toBe(expected);
  });
});
