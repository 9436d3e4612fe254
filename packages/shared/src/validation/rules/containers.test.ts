import { describe, expect, it } from "vitest";
import type { PoolSpecInput } from "../../pool-spec";
import { pool, poolIssues } from "../test-support";

const withImages = (
  prefetchImages: string[],
  registries: NonNullable<PoolSpecInput["container"]>["registries"] = [],
) => pool((p) => void (p.container = { prefetchImages, registries }));
const hub = { server: "docker.io", auth: { kind: "password" as const, username: "me", password: "secret" } };

describe("container rules", () => {
  it("container.customImageNeedsDocker reminds that custom images bring their own Docker", () => {
    const imageId =
      "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/d/versions/1.0.0";
    const gallery = pool((p) => void (p.image = { kind: "gallery", imageId }));
    expect(poolIssues("container.customImageNeedsDocker", gallery)).toEqual([
      {
        path: ["image", "imageId"],
        level: "info",
        code: "container.customImageNeedsDocker",
        message: expect.stringMatching(
          /^Batch does not install Docker on custom images: .*Moby, Docker CE or Docker EE/,
        ),
      },
    ]);
    // Not a container pool, or a Marketplace container image (Batch's own, with Moby): nothing to say.
    const plain = pool((p) => {
      p.image = { kind: "gallery", imageId };
      delete p.container;
    });
    expect(poolIssues("container.customImageNeedsDocker", plain)).toEqual([]);
    expect(poolIssues("container.customImageNeedsDocker", pool())).toEqual([]);
  });
  it("container.configurationRequired explains that an empty prefetch list is fine", () => {
    expect(poolIssues("container.configurationRequired", withImages([]))).toEqual([
      expect.objectContaining({
        level: "info",
        message: expect.stringMatching(/still created with a container configuration/),
      }),
    ]);
    expect(poolIssues("container.configurationRequired", pool())).toEqual([]);
    expect(
      poolIssues(
        "container.configurationRequired",
        pool((p) => delete p.container),
      ),
    ).toEqual([]);
  });
  it("container.imageReference at the image's index", () => {
    expect(poolIssues("container.imageReference", withImages(["ubuntu", "https://x.io/a", "Bad"]))).toEqual([
      expect.objectContaining({
        path: ["container", "prefetchImages", 1],
        level: "error",
        message: expect.stringMatching(/scheme/),
      }),
      expect.objectContaining({
        path: ["container", "prefetchImages", 2],
        message: expect.stringMatching(/lowercase/),
      }),
    ]);
  });
  it("container.imageWithoutCredentials skips official Docker Hub images and covered hosts", () => {
    const issues = poolIssues(
      "container.imageWithoutCredentials",
      withImages(
        ["ubuntu", "myorg/app", "ghcr.io/x/y", "myacr.azurecr.io/a"],
        [{ server: "MyAcr.azurecr.io", auth: { kind: "password", username: "u", password: "p" } }],
      ),
    );
    expect(issues.map((i) => i.path)).toEqual([
      ["container", "prefetchImages", 1],
      ["container", "prefetchImages", 2],
    ]);
    expect(issues[0]).toMatchObject({
      level: "warning",
      message: expect.stringMatching(/only if .* is public/),
    });
  });
  it("container.dockerHubHostRequired rewrites private Docker Hub images to docker.io/...", () => {
    const issues = poolIssues(
      "container.dockerHubHostRequired",
      withImages(["ubuntu", "myorg/private:1", "docker.io/myorg/ok"], [hub]),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        path: ["container", "prefetchImages", 1],
        level: "warning",
        fix: expect.objectContaining({
          patch: [{ path: ["container", "prefetchImages", 1], value: "docker.io/myorg/private:1" }],
        }),
      }),
    ]);
    expect(poolIssues("container.dockerHubHostRequired", withImages(["myorg/private:1"]))).toEqual([]);
  });
  it("container.imageNotPullable from registry lookups, matching spellings", () => {
    const spec = withImages(["ubuntu", "myacr.azurecr.io/a:1", "myacr.azurecr.io/b"]);
    const images = [
      { reference: "docker.io/library/ubuntu:latest", status: "found" as const },
      { reference: "myacr.azurecr.io/a:1", status: "notFound" as const },
      { reference: "myacr.azurecr.io/b:latest", status: "unauthorized" as const },
    ];
    const issues = poolIssues("container.imageNotPullable", spec, { images });
    expect(issues.map((i) => [i.path[2], i.level])).toEqual([
      [1, "error"],
      [2, "error"],
    ]);
    expect(issues[0]?.message).toMatch(/not found/);
    expect(issues[1]?.message).toMatch(/pull permission/);
  });
});

describe("container rules and a server written as a URL", () => {
  it("report the URL once (registry.serverFormat), not a missing credential per image", () => {
    const spec = withImages(
      ["myacr.azurecr.io/a", "myacr.azurecr.io/b"],
      [{ server: "https://myacr.azurecr.io/", auth: { kind: "password", username: "u", password: "p" } }],
    );
    expect(poolIssues("container.imageWithoutCredentials", spec)).toEqual([]);
    expect(poolIssues("registry.serverFormat", spec)).toHaveLength(1);
  });
});
