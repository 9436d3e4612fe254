import { describe, expect, it } from "vitest";
import { parseChallenge } from "./www-authenticate";

describe("parseChallenge", () => {
  it("reads a Docker Hub style Bearer challenge", () => {
    expect(
      parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"'),
    ).toEqual({
      scheme: "bearer",
      params: { realm: "https://auth.docker.io/token", service: "registry.docker.io", scope: "repository:library/busybox:pull" },
    });
  });

  it("reads Basic with a realm, unquoted values and escapes", () => {
    expect(parseChallenge('Basic realm="Registry \\"lab\\""')).toEqual({ scheme: "basic", params: { realm: 'Registry "lab"' } });
    expect(parseChallenge("Bearer realm=https://x/token, service=x")).toEqual({
      scheme: "bearer",
      params: { realm: "https://x/token", service: "x" },
    });
  });

  it("returns undefined for nothing", () => {
    expect(parseChallenge(null)).toBeUndefined();
    expect(parseChallenge("")).toBeUndefined();
  });
});
