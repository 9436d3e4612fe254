import { describe, expect, it } from "vitest";
import { TaskSpec } from "../task-spec";
import type { CloudTask } from "./batch-models";
import { fromExitConditions, toExitConditions } from "./exit-conditions";
import { fromCloudTask } from "./from-cloud-task";
import { toTaskAddParameter } from "./task";

describe("exit conditions conversion", () => {
  it("sends codes, ranges and endings under @azure/batch's names, and no ending that leaves both actions to Batch", () => {
    const task = TaskSpec.parse({
      id: "t",
      commandLine: "run",
      exitConditions: {
        exitCodes: [{ code: 3, exitOptions: { jobAction: "terminate" } }],
        exitCodeRanges: [{ start: 10, end: 20, exitOptions: { dependencyAction: "satisfy" } }],
        preProcessingError: { jobAction: "disable", dependencyAction: "block" },
        fileUploadError: {},
      },
    });
    expect(toTaskAddParameter(task).exitConditions).toEqual({
      exitCodes: [{ code: 3, exitOptions: { jobAction: "terminate" } }],
      exitCodeRanges: [{ start: 10, end: 20, exitOptions: { dependencyAction: "satisfy" } }],
      preProcessingError: { jobAction: "disable", dependencyAction: "block" },
    });
  });

  it("sends nothing for conditions that say nothing, and reads none back", () => {
    expect(toExitConditions(TaskSpec.parse({ id: "t", commandLine: "x", exitConditions: { default: {} } }).exitConditions)).toBeUndefined();
    expect(toTaskAddParameter(TaskSpec.parse({ id: "t", commandLine: "x" }))).not.toHaveProperty("exitConditions");
    expect(fromExitConditions({})).toBeUndefined();
    expect(fromExitConditions({ default: {} })).toBeUndefined();
  });

  it("reads a CloudTask's exit conditions back, dropping actions it does not know", () => {
    const cloud = {
      id: "t",
      commandLine: "x",
      exitConditions: { exitCodes: [{ code: 1, exitOptions: { jobAction: "requeue" } }], default: { dependencyAction: "block" } },
    } as unknown as CloudTask;
    expect(fromCloudTask(cloud)?.exitConditions).toEqual({ exitCodes: [{ code: 1, exitOptions: {} }], exitCodeRanges: [], default: { dependencyAction: "block" } });
  });
});
