import { describe, expect, it } from "vitest";
import { BatchError } from "../http/batch-error";
import type { TaskRecord, TaskState } from "../model/types";
import { applyTaskTransition, nextTaskState, TASK_TRANSITIONS, type TaskEvent } from "./task-transitions";

const T0 = "2026-01-01T00:00:00.000Z";
const T1 = "2026-01-01T00:00:01.000Z";
const T2 = "2026-01-01T00:00:02.000Z";

function task(state: TaskState = "active", result?: "success" | "failure"): TaskRecord {
  return {
    seq: 1,
    jobKey: "j",
    wire: {
      id: "t",
      url: "",
      eTag: "0x1",
      lastModified: T0,
      creationTime: T0,
      state,
      stateTransitionTime: T0,
      commandLine: "/bin/true",
      constraints: { maxWallClockTime: "PT1H", retentionTime: "P7D", maxTaskRetryCount: 0 },
      requiredSlots: 1,
      executionInfo: { retryCount: 0, requeueCount: 0, ...(result ? { result } : {}) },
    },
  };
}

const refusal = (t: TaskRecord, event: TaskEvent) => {
  try {
    applyTaskTransition(t, event, {}, T1);
  } catch (e) {
    if (e instanceof BatchError) return { status: e.status, code: e.code };
    throw e;
  }
  throw new Error(`${event} from ${t.wire.state} was allowed`);
};

describe("the task transition table", () => {
  it("has exactly the moves of a Batch task", () => {
    const moves = Object.entries(TASK_TRANSITIONS).flatMap(([from, events]) =>
      Object.entries(events).map(([event, to]) => `${from} -${event}-> ${to}`),
    );
    expect(moves.sort()).toEqual(
      [
        "active -schedule-> preparing",
        "active -start-> running",
        "active -terminate-> completed",
        "preparing -start-> running",
        "preparing -unschedule-> active",
        "preparing -requeue-> active",
        "preparing -terminate-> completed",
        "running -exit-> completed",
        "running -retry-> active",
        "running -requeue-> active",
        "running -terminate-> completed",
        "completed -reactivate-> active",
      ].sort(),
    );
  });

  it("refuses every other move with a 409", () => {
    const events: TaskEvent[] = [
      "schedule",
      "unschedule",
      "start",
      "exit",
      "retry",
      "requeue",
      "terminate",
      "reactivate",
    ];
    for (const from of ["active", "preparing", "running", "completed"] as const)
      for (const event of events) {
        if (nextTaskState(from, event)) continue;
        expect(refusal(task(from), event).status).toBe(409);
      }
    expect(refusal(task("completed", "success"), "terminate")).toEqual({
      status: 409,
      code: "TaskCompleted",
    });
    expect(refusal(task("active"), "reactivate")).toEqual({
      status: 409,
      code: "OperationInvalidForCurrentState",
    });
  });

  it("reactivates only a task that completed with a failure", () => {
    expect(refusal(task("completed", "success"), "reactivate").code).toBe("OperationInvalidForCurrentState");
    const t = task("completed", "failure");
    t.wire.executionInfo = {
      retryCount: 3,
      requeueCount: 1,
      lastRequeueTime: T0,
      exitCode: 2,
      result: "failure",
      failureInfo: { category: "usererror", code: "FailureExitCode", message: "x" },
    };
    t.dependencyAction = "block";
    applyTaskTransition(t, "reactivate", {}, T1);
    expect(t.wire.state).toBe("active");
    expect(t.wire.executionInfo).toEqual({ retryCount: 0, requeueCount: 1, lastRequeueTime: T0 });
    expect(t.dependencyAction).toBeUndefined();
  });
});

describe("executionInfo along the moves", () => {
  it("starts, retries, and sets lastRetryTime when the retry starts running", () => {
    const t = task();
    applyTaskTransition(t, "start", {}, T0);
    expect(t.wire).toMatchObject({ state: "running", previousState: "active", stateTransitionTime: T0 });
    expect(t.wire.executionInfo.startTime).toBe(T0);
    applyTaskTransition(t, "retry", { exitCode: 3 }, T1);
    expect(t.wire.executionInfo).toMatchObject({ retryCount: 1 });
    expect(t.wire.executionInfo.exitCode).toBeUndefined();
    expect(t.wire.executionInfo.lastRetryTime).toBeUndefined();
    applyTaskTransition(t, "start", {}, T2);
    expect(t.wire.executionInfo).toMatchObject({ startTime: T2, lastRetryTime: T2, retryCount: 1 });
  });

  it("waits in preparing for the job preparation task, and goes back unscheduled (not requeued) when it fails", () => {
    const t = task();
    applyTaskTransition(t, "schedule", {}, T0);
    expect(t.wire.state).toBe("preparing");
    applyTaskTransition(t, "unschedule", {}, T1);
    expect(t.wire).toMatchObject({ state: "active", previousState: "preparing" });
    expect(t.wire.executionInfo).toEqual({ retryCount: 0, requeueCount: 0 });
  });

  it("a requeue counts, and its restart is not a retry", () => {
    const t = task();
    applyTaskTransition(t, "start", {}, T0);
    applyTaskTransition(t, "requeue", {}, T1);
    expect(t.wire.executionInfo).toMatchObject({ requeueCount: 1, lastRequeueTime: T1, retryCount: 0 });
    applyTaskTransition(t, "start", {}, T2);
    expect(t.wire.executionInfo.lastRetryTime).toBeUndefined();
  });

  it("records the outcome on exit and terminate", () => {
    const ok = task();
    applyTaskTransition(ok, "start", {}, T0);
    applyTaskTransition(ok, "exit", { exitCode: 0 }, T1);
    expect(ok.wire.executionInfo).toMatchObject({ endTime: T1, exitCode: 0, result: "success" });
    const ended = task();
    const failure = { category: "usererror" as const, code: "TaskEnded", message: "ended" };
    applyTaskTransition(ended, "terminate", { failure }, T1);
    expect(ended.wire.state).toBe("completed");
    expect(ended.wire.executionInfo).toMatchObject({ endTime: T1, result: "failure", failureInfo: failure });
    expect(ended.wire.executionInfo.exitCode).toBeUndefined();
  });

  it("changes the ETag on every move", () => {
    const t = task();
    applyTaskTransition(t, "start", {}, T0);
    const first = t.wire.eTag;
    applyTaskTransition(t, "exit", { exitCode: 0 }, T1);
    expect(t.wire.eTag).not.toBe(first);
  });
});
