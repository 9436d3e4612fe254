import { describe, expect, it } from "vitest";
import { TaskSpec, type TaskSpecInput } from "../../task-spec";
import type { TaskPoolFact } from "../../validation-context";
import { validateTask } from "../validate-task";

const windows: TaskPoolFact = { poolId: "win", isContainerPool: true, prefetchImages: [], registryServers: [], osType: "windows" };
const codes = (input: Partial<TaskSpecInput>, pool?: TaskPoolFact) =>
  validateTask(TaskSpec.parse({ id: "t", commandLine: "run", ...input }), pool ? { pool } : {}).map((i) => [i.code, i.path.join("."), i.fix?.label]);

describe("task limit rules", () => {
  it("a container task on a Windows pool must run elevated, with a one-click fix; elevated or Linux passes", () => {
    const container = { containerSettings: { imageName: "mcr.microsoft.com/windows/servercore:ltsc2022" } };
    expect(codes(container, windows)).toContainEqual(["task.windowsContainerNeedsAdmin", "elevated", "Run the task elevated"]);
    expect(codes({ ...container, elevated: true }, windows).map((c) => c[0])).not.toContain("task.windowsContainerNeedsAdmin");
    expect(codes(container, { ...windows, osType: "linux" }).map((c) => c[0])).not.toContain("task.windowsContainerNeedsAdmin");
  });

  it("a time limit or retention that is not an ISO-8601 duration is an error at its field", () => {
    expect(codes({ constraints: { maxWallClockTime: "2 hours", retentionTime: "P7D" } })).toEqual([["task.constraintDuration", "constraints.maxWallClockTime", undefined]]);
    expect(codes({ constraints: { maxWallClockTime: "PT2H", retentionTime: "forever" } })).toEqual([["task.constraintDuration", "constraints.retentionTime", undefined]]);
  });
});

describe("job limit rules", () => {
  it("a job time limit that is not an ISO-8601 duration is an error at its field", async () => {
    const { JobSpec } = await import("../../task-spec");
    const { validateJob } = await import("../validate-job");
    const issues = validateJob(JobSpec.parse({ id: "j", poolId: "p", constraints: { maxWallClockTime: "one day" } }));
    expect(issues.map((i) => [i.code, i.path.join(".")])).toEqual([["job.constraintDuration", "constraints.maxWallClockTime"]]);
    expect(validateJob(JobSpec.parse({ id: "j", poolId: "p", constraints: { maxWallClockTime: "P1D" } }))).toEqual([]);
  });
});
