import { describe, expect, it } from "vitest";
import {
  canonicalImageName,
  isDockerHubOfficialImage,
  parseImageReference,
  registryHostOf,
} from "./image-reference";

const digest = `sha256:${"a".repeat(64)}`;

describe("parseImageReference", () => {
  it.each([
    ["ubuntu", { registryHost: "docker.io", repository: "ubuntu" }],
    [
      "tensorflow/tensorflow:latest-gpu",
      { registryHost: "docker.io", repository: "tensorflow/tensorflow", tag: "latest-gpu" },
    ],
    [
      "myContainerRegistry.azurecr.io/tensorflow/tensorflow:latest-gpu",
      {
        registry: "myContainerRegistry.azurecr.io",
        registryHost: "mycontainerregistry.azurecr.io",
        repository: "tensorflow/tensorflow",
        tag: "latest-gpu",
      },
    ],
    ["localhost:5000/a/b", { registry: "localhost:5000", registryHost: "localhost:5000", repository: "a/b" }],
    ["localhost/a", { registry: "localhost", registryHost: "localhost", repository: "a" }],
    [
      "127.0.0.1:5000/lab/plain:1",
      { registry: "127.0.0.1:5000", registryHost: "127.0.0.1:5000", repository: "lab/plain", tag: "1" },
    ],
    ["[::1]:5000/x", { registry: "[::1]:5000", registryHost: "[::1]:5000", repository: "x" }],
    [
      "index.docker.io/myorg/app",
      { registry: "index.docker.io", registryHost: "docker.io", repository: "myorg/app" },
    ],
    [`busybox@${digest}`, { registryHost: "docker.io", repository: "busybox", digest }],
    [`a.io/b:c@${digest}`, { registry: "a.io", registryHost: "a.io", repository: "b", tag: "c", digest }],
    ["my-org/my__app.x", { registryHost: "docker.io", repository: "my-org/my__app.x" }],
  ])("accepts %s", (ref, expected) => {
    expect(parseImageReference(ref)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["", /empty/],
    ["https://myacr.azurecr.io/app", /scheme/],
    ["Ubuntu", /lowercase/],
    ["myacr.azurecr.io/MyApp", /lowercase/],
    ["a b", /spaces/],
    ["app:", /tag/],
    ["app:-x", /tag/],
    [`app:${"t".repeat(129)}`, /tag/],
    ["a//b", /empty component/],
    ["a/b/", /empty component/],
    ["app@sha256:abc", /64 lowercase hex/],
    ["app@nodigest", /algorithm:hex/],
    ["my_.app", /repository path component/],
    ["-host.io:99999/app", /registry host/],
    ["reg.io:99999/app", /registry host/],
    [`${"a".repeat(256)}`, /255/],
  ])("rejects %j with a reason", (ref, reason) => {
    const result = parseImageReference(ref);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe("registryHostOf", () => {
  it("gives docker.io for Docker Hub images however they are written", () => {
    expect(registryHostOf("ubuntu")).toBe("docker.io");
    expect(registryHostOf("index.docker.io/library/ubuntu")).toBe("docker.io");
    expect(registryHostOf("Docker.IO/org/app")).toBe("docker.io");
    expect(registryHostOf("myacr.azurecr.io/app")).toBe("myacr.azurecr.io");
    expect(registryHostOf("Not Valid")).toBeUndefined();
  });
});

describe("canonicalImageName / isDockerHubOfficialImage", () => {
  const parse = (ref: string) => {
    const parsed = parseImageReference(ref);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.value;
  };
  it("makes spellings of one image equal", () => {
    expect(canonicalImageName(parse("ubuntu"))).toBe("docker.io/library/ubuntu:latest");
    expect(canonicalImageName(parse("docker.io/library/ubuntu:latest"))).toBe(
      "docker.io/library/ubuntu:latest",
    );
    expect(canonicalImageName(parse(`a.io/b@${digest}`))).toBe(`a.io/b@${digest}`);
  });
  it("knows official images are public", () => {
    expect(isDockerHubOfficialImage(parse("ubuntu"))).toBe(true);
    expect(isDockerHubOfficialImage(parse("library/ubuntu"))).toBe(true);
    expect(isDockerHubOfficialImage(parse("myorg/app"))).toBe(false);
    expect(isDockerHubOfficialImage(parse("myacr.azurecr.io/ubuntu"))).toBe(false);
  });
});
