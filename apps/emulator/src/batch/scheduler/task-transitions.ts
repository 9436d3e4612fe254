/**
 * Task state changes shared by the routes and the scheduler: one table of (state, event) → state
 * and the one function every change goes through, which also keeps `executionInfo` as the Batch
 * REST reference describes it (TaskExecutionInformation). See docs/azure-batch-notes.md#task-life-cycle.
 */
import type { BatchError } from "../http/batch-error";
import { conflict } from "../http/batch-error";
import { isoNow, touch } from "../model/clock";
import type { FailureInfoWire, TaskRecord, TaskState } from "../model/types";

export type TaskEvent =
  /** Assigned to a node, waiting there for the job preparation task. */
  | "schedule"
  /** Its node's job preparation task failed while it waited there: back to the queue, for another node. */
  | "unschedule"
  /** The command line starts on a node. */
  | "start"
  /** The attempt ended and is final: success, a failure after the last retry, or a pre-processing error. */
  | "exit"
  /** A non-zero exit with retries left: back to the queue, retryCount + 1. */
  | "retry"
  /** Stopped by a user request (node reboot, removal, job disable) or an emulator restart: requeueCount + 1. */
  | "requeue"
  /** Ended by the user, by its job's termination or by its maxWallClockTime. */
  | "terminate"
  /** A task that failed runs again, with a fresh retry count. */
  | "reactivate";

export const TASK_TRANSITIONS: Readonly<Record<TaskState, Partial<Record<TaskEvent, TaskState>>>> = {
  active: { schedule: "preparing", start: "running", terminate: "completed" },
  preparing: { start: "running", unschedule: "active", requeue: "active", terminate: "completed" },
  running: { exit: "completed", retry: "active", requeue: "active", terminate: "completed" },
  completed: { reactivate: "active" },
};

/** How an attempt ended: the process exit code (when a process ran) and the failure, if any. */
export interface TaskOutcome {
  exitCode?: number;
  failure?: FailureInfoWire;
}

/** The TaskEnded failure of a task Batch stopped: by the user, its job's termination, or maxWallClockTime. */
export const taskEndedFailure = (why: "terminate" | "jobTerminate" | "timeout"): FailureInfoWire =>
  why === "timeout"
    ? {
        // Microsoft Learn "Job and task error checking": a task over its maxWallClockTime is
        // completed with failureInfo { category: ServerError, code: TaskEnded }.
        category: "servererror",
        code: "TaskEnded",
        message: "Task Was Ended because it exceeded its maximum wall clock time",
      }
    : {
        category: "usererror",
        code: "TaskEnded",
        message:
          why === "terminate"
            ? "Task Was Ended by User Request"
            : "Task Was Ended because its Job was terminated",
      };

/** The failure of a last attempt that exited non-zero. */
export const failureExitCode = (exitCode: number | undefined): FailureInfoWire => ({
  category: "usererror",
  code: "FailureExitCode",
  message: "The task process exited with an unexpected exit code",
  details: [{ name: "Message", value: `The task process exited with an unexpected exit code: ${exitCode}` }],
});

/** The state `event` leads to from `from`, or undefined when the table has no such move. */
export const nextTaskState = (from: TaskState, event: TaskEvent): TaskState | undefined =>
  TASK_TRANSITIONS[from][event];

/** The Batch error for a move the table (or the reactivate rule) refuses. */
function refused(task: TaskRecord, event: TaskEvent): BatchError {
  const st = task.wire.state;
  if (event === "reactivate")
    return conflict(
      "OperationInvalidForCurrentState",
      st === "completed"
        ? "The task completed successfully; only a task that completed with a failure can be reactivated."
        : `The task is ${st}; only a task that completed with a failure can be reactivated.`,
    );
  if (st === "completed") return conflict("TaskCompleted");
  return conflict("OperationInvalidForCurrentState", `A task that is ${st} cannot ${event}.`);
}

/**
 * The state `event` takes the task to now (the table, plus: only failed tasks reactivate), or
 * the 409 Batch gives for the move. Check before changing anything that depends on the state.
 */
export function checkTaskTransition(task: TaskRecord, event: TaskEvent): TaskState {
  const to = nextTaskState(task.wire.state, event);
  if (to === undefined || (event === "reactivate" && task.wire.executionInfo.result !== "failure"))
    throw refused(task, event);
  return to;
}

/**
 * Move the task along `event`, or throw the 409 Batch gives for the move. Callers that keep
 * per-job counts check first (checkTaskTransition), then wrap this in AccountState.updateTask.
 */
export function applyTaskTransition(
  task: TaskRecord,
  event: TaskEvent,
  outcome: TaskOutcome = {},
  now = isoNow(),
): void {
  const to = checkTaskTransition(task, event);
  const w = task.wire;
  const ei = w.executionInfo;
  w.previousState = w.state;
  w.previousStateTransitionTime = w.stateTransitionTime;
  w.state = to;
  w.stateTransitionTime = now;
  switch (event) {
    case "start":
      ei.startTime = now;
      // "The most recent time at which a retry of the Task started running" — not a requeue's start.
      if (task.retryPending) ei.lastRetryTime = now;
      delete task.retryPending;
      delete ei.endTime;
      delete ei.exitCode;
      delete ei.result;
      delete ei.failureInfo;
      delete ei.containerInfo;
      break;
    case "exit":
    case "terminate":
      ei.endTime = now;
      if (outcome.exitCode !== undefined) ei.exitCode = outcome.exitCode;
      else delete ei.exitCode;
      ei.result = outcome.failure ? "failure" : "success";
      if (outcome.failure) ei.failureInfo = outcome.failure;
      else delete ei.failureInfo;
      break;
    case "retry":
      // exitCode is shown only once the task is completed.
      delete ei.exitCode;
      ei.retryCount++;
      task.retryPending = true;
      break;
    case "requeue":
      ei.requeueCount++;
      ei.lastRequeueTime = now;
      break;
    case "reactivate":
      w.executionInfo = {
        retryCount: 0,
        requeueCount: ei.requeueCount,
        ...(ei.lastRequeueTime ? { lastRequeueTime: ei.lastRequeueTime } : {}),
      };
      delete task.retryPending;
      delete task.dependencyAction;
      break;
    case "schedule":
    case "unschedule":
      break;
  }
  touch(w);
}
