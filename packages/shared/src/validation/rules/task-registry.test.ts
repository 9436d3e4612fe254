import { describe, expect, it } from "vitest";
import type { TaskPoolFact } from "../../validation-context";
import { task, taskIssues } from "../test-support";

const poolWith = (registryServers: string[]): TaskPoolFact => ({
  poolId: "p1",
  isContainerPool: true,
  prefetchImages: [],
  registryServers,
});

describe("task registry rules", () => {
  it("task.imageWithoutCredentials", () => {
    const spec = task({ containerSettings: { imageName: "ghcr.io/org/app:1" } });
    expect(
      taskIssues("task.imageWithoutCredentials", spec, { pool: poolWith(["myacr.azurecr.io"]) }),
    ).toEqual([expect.objectContaining({ path: ["containerSettings", "imageName"], level: "warning" })]);
    expect(taskIssues("task.imageWithoutCredentials", spec, { pool: poolWith(["GHCR.io"]) })).toEqual([]);
    const own = task({
      containerSettings: {
        imageName: "ghcr.io/org/app:1",
        registry: { server: "ghcr.io", auth: { kind: "password", username: "u", password: "p" } },
      },
    });
    expect(taskIssues("task.imageWithoutCredentials", own, { pool: poolWith([]) })).toEqual([]);
    expect(
      taskIssues("task.imageWithoutCredentials", task({ containerSettings: { imageName: "ubuntu" } }), {
        pool: poolWith([]),
      }),
    ).toEqual([]);
    expect(taskIssues("task.imageWithoutCredentials", spec)).toEqual([]);
  });
  it("task.dockerHubHostRequired", () => {
    const spec = task({ containerSettings: { imageName: "myorg/private:2" } });
    expect(taskIssues("task.dockerHubHostRequired", spec, { pool: poolWith(["index.docker.io"]) })).toEqual([
      expect.objectContaining({
        fix: expect.objectContaining({
          patch: [{ path: ["containerSettings", "imageName"], value: "docker.io/myorg/private:2" }],
        }),
      }),
    ]);
    expect(taskIssues("task.dockerHubHostRequired", spec, { pool: poolWith([]) })).toEqual([]);
    expect(
      taskIssues(
        "task.dockerHubHostRequired",
        task({ containerSettings: { imageName: "docker.io/myorg/private:2" } }),
        { pool: poolWith(["docker.io"]) },
      ),
    ).toEqual([]);
  });
});
