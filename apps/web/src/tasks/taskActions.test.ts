import { describe, expect, it } from "vitest";
import { isFailedTask, taskActionAvailability } from "./taskActions";

describe("task actions", () => {
  it("counts a completed task as failed by result, failure info or a non-zero exit code", () => {
    expect(isFailedTask({ state: "completed", exitCode: 0, result: "success" })).toBe(false);
    expect(isFailedTask({ state: "completed", exitCode: 2 })).toBe(true);
    expect(isFailedTask({ state: "completed", result: "failure" })).toBe(true);
    expect(isFailedTask({ state: "completed", failure: { code: "ContainerPoolNotSupported" } })).toBe(true);
    expect(isFailedTask({ state: "running", exitCode: 2 })).toBe(false);
  });

  it("reactivates only a completed task that failed, in a job that is still open, and says why not", () => {
    expect(taskActionAvailability("reactivate", { state: "completed", exitCode: 1 }, "active")).toEqual({
      ok: true,
    });
    expect(
      taskActionAvailability("reactivate", { state: "completed", exitCode: 0, result: "success" }),
    ).toEqual({
      ok: false,
      reason: "The task succeeded: Batch reactivates only a task that failed.",
    });
    expect(taskActionAvailability("reactivate", { state: "running" })).toEqual({
      ok: false,
      reason: "Batch reactivates only a completed task that failed; this one is running.",
    });
    expect(
      taskActionAvailability("reactivate", { state: "completed", exitCode: 1 }, "terminating"),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining("The job is terminating"),
    });
  });

  it("terminates only a task that has not completed; deletes any", () => {
    expect(taskActionAvailability("terminate", { state: "running" })).toEqual({ ok: true });
    expect(taskActionAvailability("terminate", { state: "completed", exitCode: 0 })).toMatchObject({
      ok: false,
    });
    expect(taskActionAvailability("delete", { state: "completed", exitCode: 0 })).toEqual({ ok: true });
  });
});
