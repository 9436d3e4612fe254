import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JobSpec, TaskSpec } from "../task-spec";
import { taskSpecArb } from "../testing/arbitraries";
import type { CloudTask } from "./batch-models";
import { fromCloudTask } from "./from-cloud-task";
import { toJobAddParameter, toTaskAddParameter } from "./task";

describe("toTaskAddParameter", () => {
  it("keeps an empty command line (run the ENTRYPOINT) and maps container settings", () => {
    const task = TaskSpec.parse({
      id: "t1",
      containerSettings: { imageName: "myimage", runOptions: "--rm --workdir /" },
    });
    expect(toTaskAddParameter(task)).toEqual({
      id: "t1",
      commandLine: "",
      containerSettings: {
        imageName: "myimage",
        containerRunOptions: "--rm --workdir /",
        workingDirectory: "taskWorkingDirectory",
      },
      constraints: { maxTaskRetryCount: 0 },
      requiredSlots: 1,
      userIdentity: { autoUser: { scope: "task", elevationLevel: "nonadmin" } },
    });
  });
  it("round-trips through a CloudTask modulo passwords", () => {
    fc.assert(
      fc.property(taskSpecArb, (task) => {
        const back = fromCloudTask(structuredClone(toTaskAddParameter(task)) as CloudTask);
        const registry = task.containerSettings?.registry;
        if (registry?.auth.kind === "password") registry.auth.password = "";
        expect(back).toEqual(task);
      }),
      { numRuns: 300 },
    );
    expect(fromCloudTask({})).toBeUndefined();
  });
});

describe("toJobAddParameter", () => {
  it("maps the pool and settings", () => {
    expect(
      toJobAddParameter(JobSpec.parse({ id: "j", poolId: "p", env: [{ name: "A", value: "1" }] })),
    ).toEqual({
      id: "j",
      poolInfo: { poolId: "p" },
      priority: 0,
      maxParallelTasks: -1,
      onAllTasksComplete: "noaction",
      commonEnvironmentSettings: [{ name: "A", value: "1" }],
    });
  });
});
