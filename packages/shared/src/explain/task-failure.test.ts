import { describe, expect, it } from "vitest";
import { TaskSpec } from "../task-spec";
import { explainTaskFailure, nextTaskId } from "./task-failure";

describe("explainTaskFailure", () => {
  it("names the field at fault for Batch's container failure codes", () => {
    expect(explainTaskFailure({ failure: { category: "usererror", code: "ContainerInvalidImage" } })?.field).toEqual(["containerSettings", "imageName"]);
    expect(explainTaskFailure({ failure: { code: "ContainerInvalidSettings" } })?.field).toEqual(["containerSettings", "runOptions"]);
    expect(explainTaskFailure({ failure: { code: "ContainerInvalidRegistry" } })?.field).toEqual(["containerSettings", "registry"]);
  });

  it("opens stderr after a non-zero exit", () => {
    expect(explainTaskFailure({ failure: { code: "FailureExitCode" }, exitCode: 3 })).toMatchObject({ title: "The task exited with code 3", file: "stderr.txt" });
  });

  it("a wall-clock stop offers a longer limit as its fix, applied to the spec", () => {
    const e = explainTaskFailure({ failure: { category: "servererror", code: "TaskEnded", message: "Task Was Ended because it exceeded its maximum wall clock time" }, maxWallClockTime: "PT10M" });
    expect(e?.fix?.label).toBe("Allow PT40M");
    const spec = TaskSpec.parse({ id: "t", commandLine: "x", constraints: { maxWallClockTime: "PT10M" } });
    expect(e?.fix?.apply(spec).constraints.maxWallClockTime).toBe("PT40M");
    // A task ended by the operator says nothing about its spec.
    expect(explainTaskFailure({ failure: { category: "usererror", code: "TaskEnded", message: "Task was terminated by the user" } })).toBeUndefined();
  });

  it("input and output file failures point at their lists; success and unknown codes explain nothing", () => {
    expect(explainTaskFailure({ failure: { category: "usererror", code: "BlobDownloadMiscError", message: "x.bin" } })?.field).toEqual(["resourceFiles"]);
    expect(explainTaskFailure({ failure: { category: "usererror", code: "FileUploadMiscError" } })?.field).toEqual(["outputFiles"]);
    expect(explainTaskFailure({})).toBeUndefined();
    expect(explainTaskFailure({ failure: { code: "SomethingElse" } })).toBeUndefined();
  });
});

describe("nextTaskId", () => {
  it("counts up a trailing number, else adds -2, within Batch's 64 characters", () => {
    expect(nextTaskId("render")).toBe("render-2");
    expect(nextTaskId("render-2")).toBe("render-3");
    expect(nextTaskId("x".repeat(64)).length).toBeLessThanOrEqual(64);
  });
});
