import { describe, expect, it } from "vitest";
import { credentialFor, imageTarget, type ImageTarget } from "./image-name";

function target(name: string): ImageTarget {
  const result = imageTarget(name);
  if (!result.ok) throw new Error(result.reason);
  return result.target;
}

const DIGEST = `sha256:${"a".repeat(64)}`;

describe("imageTarget", () => {
  it("adds :latest when there is no tag or digest", () => {
    expect(target("busybox")).toEqual({
      ref: "busybox:latest",
      fromImage: "busybox",
      tag: "latest",
      registryHost: "docker.io",
    });
    expect(target("127.0.0.1:5123/lab/busybox")).toMatchObject({
      ref: "127.0.0.1:5123/lab/busybox:latest",
      registryHost: "127.0.0.1:5123",
    });
  });

  it("keeps a tag and splits it off for the engine", () => {
    expect(target("myacr.azurecr.io/team/app:1.2")).toEqual({
      ref: "myacr.azurecr.io/team/app:1.2",
      fromImage: "myacr.azurecr.io/team/app",
      tag: "1.2",
      registryHost: "myacr.azurecr.io",
    });
  });

  it("pulls by digest when there is one", () => {
    expect(target(`repo/app:1@${DIGEST}`)).toEqual({
      ref: `repo/app:1@${DIGEST}`,
      fromImage: "repo/app",
      tag: DIGEST,
      registryHost: "docker.io",
    });
    expect(target(`repo/app@${DIGEST}`).ref).toBe(`repo/app@${DIGEST}`);
  });

  it("says why a name is not an image reference", () => {
    const result = imageTarget("https://myacr.azurecr.io/app");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/scheme/);
    expect(imageTarget("Upper/Case").ok).toBe(false);
  });
});

describe("credentialFor", () => {
  const lab = { server: "127.0.0.1:5123", username: "u", password: "p" };
  const hub = { server: "index.docker.io", username: "h", password: "q" };
  const acr = { server: "MyAcr.azurecr.io", identityResourceId: "/subscriptions/x" };

  it("matches the image's registry host, case-insensitively and with Docker Hub aliases", () => {
    expect(credentialFor(target("127.0.0.1:5123/lab/busybox"), [hub, lab])).toBe(lab);
    expect(credentialFor(target("myuser/private"), [lab, hub])).toBe(hub);
    expect(credentialFor(target("myacr.azurecr.io/app"), [lab, acr])).toBe(acr);
  });

  it("finds nothing for a registry without credentials", () => {
    expect(credentialFor(target("127.0.0.1:9999/lab/busybox"), [lab, hub])).toBeUndefined();
  });
});
