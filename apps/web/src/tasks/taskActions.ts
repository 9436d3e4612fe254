import type { TaskActionRoute } from "../api/jobWrites";
import type { TaskSummary } from "@batch-studio/shared";
import type { Availability } from "../components/ActionButtons";

/*
 * What each task action does and when Batch allows it (Batch REST "Task - Terminate", "Task -
 * Delete", "Task - Reactivate"; docs/azure-batch-notes.md, "Job and task actions"). The portal
 * disables an action Batch would refuse and says why, instead of letting the call fail.
 */

export type TaskAction = "terminate" | "delete" | "reactivate";

type TaskFacts = Pick<TaskSummary, "state" | "exitCode" | "result" | "failure">;

/** Completed and failed: a failure result or failure info (e.g. the container could not start), or a non-zero exit code. */
export const isFailedTask = (t: TaskFacts): boolean =>
  t.state === "completed" &&
  (t.result === "failure" || t.failure !== undefined || (t.exitCode !== undefined && t.exitCode !== 0));

/** Job states in which Batch reactivates none of the job's tasks. */
const CLOSED_JOB_STATES = new Set(["completed", "terminating", "deleting"]);

const OK: Availability = { ok: true };

export function taskActionAvailability(action: TaskAction, task: TaskFacts, jobState?: string): Availability {
  switch (action) {
    case "terminate":
      return task.state === "completed" ? { ok: false, reason: "The task has already completed." } : OK;
    case "delete":
      return OK;
    case "reactivate":
      if (jobState !== undefined && CLOSED_JOB_STATES.has(jobState))
        return {
          ok: false,
          reason: `The job is ${jobState}: Batch reactivates tasks only while their job is open.`,
        };
      if (task.state !== "completed")
        return {
          ok: false,
          reason: `Batch reactivates only a completed task that failed; this one is ${task.state}.`,
        };
      if (!isFailedTask(task))
        return { ok: false, reason: "The task succeeded: Batch reactivates only a task that failed." };
      return OK;
  }
}

export const TASK_ACTIONS: Record<
  TaskAction,
  { verb: string; done: string; what: string; destructive: boolean; route: TaskActionRoute }
> = {
  terminate: {
    verb: "Terminate",
    done: "terminated",
    what: "Batch stops the task: a running process or container is killed, a queued task never starts. It moves to completed and is not retried; its files stay on the node until its retention time passes.",
    destructive: true,
    route: "terminateTask",
  },
  delete: {
    verb: "Delete",
    done: "deleted",
    what: "Batch removes the task from the job, stopping it first if it runs, and deletes every file in its directory on the node whatever its retention time. This cannot be undone.",
    destructive: true,
    route: "deleteTask",
  },
  reactivate: {
    verb: "Reactivate",
    done: "reactivated",
    what: "Batch queues the task to run again: it goes back to active with its retry count reset to 0, so it may be retried up to its maximum retry count. Its previous exit code and failure information are no longer shown.",
    destructive: false,
    route: "reactivateTask",
  },
};
