import type { DisableJobTasks } from "@batch-studio/shared";
import type { Availability } from "../components/ActionButtons";

/*
 * What each job action does and in which job states Batch allows it (Batch REST "Job - Terminate",
 * "Job - Delete", "Job - Disable", "Job - Enable"; docs/azure-batch-notes.md, "Job and task actions").
 */

export type JobAction = "terminate" | "delete" | "disable" | "enable";

export const JOB_ACTIONS: Record<
  JobAction,
  { verb: string; done: string; what: string; destructive: boolean; route: "terminateJob" | "deleteJob" | "disableJob" | "enableJob" }
> = {
  terminate: {
    verb: "Terminate",
    done: "Job termination started",
    what: "Batch stops the job's running tasks, runs its release task on the nodes that ran its preparation task, and moves the job to completed. Queued tasks never start and no task can be added; a terminated job cannot be reopened.",
    destructive: true,
    route: "terminateJob",
  },
  delete: {
    verb: "Delete",
    done: "Job deletion started",
    what: "Batch stops the job's running tasks and deletes the job with all its tasks, their statistics and their files on the nodes, whatever their retention time. This cannot be undone.",
    destructive: true,
    route: "deleteJob",
  },
  disable: {
    verb: "Disable",
    done: "Job disabling started",
    what: "No new task of the job starts until it is enabled. The job stays disabling until its running tasks have been dealt with as chosen below, then it is disabled.",
    destructive: false,
    route: "disableJob",
  },
  enable: {
    verb: "Enable",
    done: "Job enabled",
    what: "Batch schedules the job's queued tasks again, including tasks requeued when it was disabled.",
    destructive: false,
    route: "enableJob",
  },
};

/** The three disableTasks options, as the operator chooses among them. */
export const DISABLE_OPTIONS: { value: DisableJobTasks; label: string; what: string }[] = [
  {
    value: "requeue",
    label: "Requeue running tasks",
    what: "Running tasks are stopped and queued again; they run from the start when the job is enabled.",
  },
  {
    value: "terminate",
    label: "Terminate running tasks",
    what: "Running tasks are stopped and complete as failed; they do not run again.",
  },
  {
    value: "wait",
    label: "Let running tasks finish",
    what: "Running tasks run to their end; the job is disabled once the last of them has completed.",
  },
];

const OK: Availability = { ok: true };

export function jobActionAvailability(action: JobAction, state: string): Availability {
  switch (action) {
    case "terminate":
      return state === "active" || state === "disabled" || state === "disabling" || state === "enabling"
        ? OK
        : { ok: false, reason: `The job is ${state}.` };
    case "delete":
      return state === "deleting" ? { ok: false, reason: "The job is already being deleted." } : OK;
    case "disable":
      return state === "active"
        ? OK
        : { ok: false, reason: `Batch disables only an active job; this one is ${state}.` };
    case "enable":
      return state === "disabled" || state === "disabling"
        ? OK
        : { ok: false, reason: `Batch enables only a disabled job; this one is ${state}.` };
  }
}
