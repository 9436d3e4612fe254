import { describe, expect, it } from "vitest";
import type { ImageProbeFact, TaskPoolFact } from "../../validation-context";
import { task, taskIssues } from "../test-support";

const containerPool: TaskPoolFact = {
  poolId: "p1",
  isContainerPool: true,
  prefetchImages: ["ubuntu", "myacr.azurecr.io/app:1"],
  registryServers: ["myacr.azurecr.io"],
};
const plainPool: TaskPoolFact = {
  poolId: "p2",
  isContainerPool: false,
  prefetchImages: [],
  registryServers: [],
};
const probe = (reference: string, more: Partial<ImageProbeFact> = {}): ImageProbeFact => ({
  reference,
  status: "found",
  entrypoint: null,
  cmd: ["sh"],
  workingDir: "",
  ...more,
});

describe("task rules", () => {
  it("task.containerSettingsRequired on a container pool", () => {
    expect(
      taskIssues("task.containerSettingsRequired", task({ commandLine: "x" }), { pool: containerPool }),
    ).toEqual([expect.objectContaining({ path: ["containerSettings"], level: "error" })]);
    expect(
      taskIssues("task.containerSettingsRequired", task({ containerSettings: { imageName: "ubuntu" } }), {
        pool: containerPool,
      }),
    ).toEqual([]);
    expect(
      taskIssues("task.containerSettingsRequired", task({ commandLine: "x" }), { pool: plainPool }),
    ).toEqual([]);
  });
  it("task.containerSettingsNeedContainerPool", () => {
    expect(
      taskIssues(
        "task.containerSettingsNeedContainerPool",
        task({ containerSettings: { imageName: "ubuntu" } }),
        { pool: plainPool },
      ),
    ).toHaveLength(1);
    expect(
      taskIssues(
        "task.containerSettingsNeedContainerPool",
        task({ containerSettings: { imageName: "ubuntu" } }),
        { pool: containerPool },
      ),
    ).toEqual([]);
  });
  it("task.commandLineRequired for non-container tasks only", () => {
    expect(taskIssues("task.commandLineRequired", task({ commandLine: "" }))).toEqual([
      expect.objectContaining({ path: ["commandLine"], level: "error" }),
    ]);
    expect(
      taskIssues(
        "task.commandLineRequired",
        task({ commandLine: "", containerSettings: { imageName: "ubuntu" } }),
      ),
    ).toEqual([]);
    expect(taskIssues("task.commandLineRequired", task({ commandLine: "echo" }))).toEqual([]);
  });
  it("task.imageReference", () => {
    expect(taskIssues("task.imageReference", task({ containerSettings: { imageName: "My/Image" } }))).toEqual(
      [expect.objectContaining({ path: ["containerSettings", "imageName"] })],
    );
    expect(taskIssues("task.imageReference", task({ containerSettings: { imageName: "myimage" } }))).toEqual(
      [],
    );
  });
  it("task.entrypointMissing when the image is known to have no ENTRYPOINT", () => {
    const spec = task({ commandLine: "", containerSettings: { imageName: "myacr.azurecr.io/plain" } });
    expect(
      taskIssues("task.entrypointMissing", spec, { images: [probe("myacr.azurecr.io/plain:latest")] }),
    ).toEqual([expect.objectContaining({ path: ["commandLine"], level: "error" })]);
    expect(
      taskIssues("task.entrypointMissing", spec, {
        images: [probe("myacr.azurecr.io/plain", { entrypoint: [] })],
      }),
    ).toHaveLength(1);
    expect(
      taskIssues("task.entrypointMissing", spec, {
        images: [probe("myacr.azurecr.io/plain", { entrypoint: ["/app/run"] })],
      }),
    ).toEqual([]);
    expect(taskIssues("task.entrypointMissing", spec)).toEqual([]);
    expect(
      taskIssues(
        "task.entrypointMissing",
        { ...spec, commandLine: "/bin/sh -c true" },
        { images: [probe("myacr.azurecr.io/plain")] },
      ),
    ).toEqual([]);
  });
  it("task.entrypointUsed shows the ENTRYPOINT", () => {
    const spec = task({ commandLine: "", containerSettings: { imageName: "ep" } });
    expect(
      taskIssues("task.entrypointUsed", spec, {
        images: [probe("ep", { entrypoint: ["/app/run"], cmd: ["--fast"] })],
      }),
    ).toEqual([
      expect.objectContaining({ level: "info", message: expect.stringContaining('["/app/run","--fast"]') }),
    ]);
    expect(taskIssues("task.entrypointUsed", spec, { images: [probe("ep")] })).toEqual([]);
  });
  it("task.imageNotPrefetched compares canonical names", () => {
    expect(
      taskIssues(
        "task.imageNotPrefetched",
        task({ containerSettings: { imageName: "docker.io/library/ubuntu:latest" } }),
        { pool: containerPool },
      ),
    ).toEqual([]);
    expect(
      taskIssues(
        "task.imageNotPrefetched",
        task({ containerSettings: { imageName: "myacr.azurecr.io/app:2" } }),
        { pool: containerPool },
      ),
    ).toEqual([expect.objectContaining({ level: "info" })]);
  });
  it("task.runOptions.unsupported", () => {
    const messages = (runOptions: string) =>
      taskIssues(
        "task.runOptions.unsupported",
        task({ containerSettings: { imageName: "x", runOptions } }),
      ).map((i) => i.message);
    expect(messages("--rm --workdir /app -e A=1 --memory=1g")).toEqual([]);
    expect(messages("--frobnicate")).toEqual([expect.stringMatching(/no option --frobnicate/)]);
    expect(messages("--name x -d")).toEqual([expect.stringMatching(/--name/), expect.stringMatching(/-d/)]);
    expect(messages("--rm ubuntu echo")).toEqual([expect.stringMatching(/"ubuntu echo" is not an option/)]);
    expect(messages("--label 'a")).toEqual([expect.stringMatching(/unbalanced/)]);
  });
  it("task.runOptions.workdirConflict", () => {
    expect(
      taskIssues(
        "task.runOptions.workdirConflict",
        task({ containerSettings: { imageName: "x", runOptions: "--workdir /app" } }),
      ),
    ).toEqual([expect.objectContaining({ level: "info" })]);
    expect(
      taskIssues(
        "task.runOptions.workdirConflict",
        task({
          containerSettings: {
            imageName: "x",
            runOptions: "--workdir /app",
            workingDirectory: "containerImageDefault",
          },
        }),
      ),
    ).toEqual([]);
  });
  it("task.relativeExecutable with a known WORKDIR fixes to an absolute path", () => {
    const spec = task({ commandLine: "./run.sh --x", containerSettings: { imageName: "app" } });
    const images = [probe("app", { workingDir: "/app" })];
    expect(taskIssues("task.relativeExecutable", spec, { images })).toEqual([
      expect.objectContaining({
        level: "info",
        fix: expect.objectContaining({ patch: [{ path: ["commandLine"], value: "/app/run.sh --x" }] }),
      }),
    ]);
    expect(
      taskIssues("task.relativeExecutable", { ...spec, commandLine: "/app/run.sh" }, { images }),
    ).toEqual([]);
    expect(
      taskIssues(
        "task.relativeExecutable",
        {
          ...spec,
          containerSettings: { ...spec.containerSettings!, workingDirectory: "containerImageDefault" },
        },
        { images },
      ),
    ).toEqual([]);
    expect(
      taskIssues("task.relativeExecutable", spec, { images: [probe("app", { workingDir: "" })] }),
    ).toEqual([]);
  });
});
