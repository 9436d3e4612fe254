import type { Availability } from "../components/ActionButtons";
import type { ScheduleActionRoute } from "../api/schedules";

/*
 * What each job schedule action does and in which states Batch allows it (Batch REST "Job
 * Schedule - Disable", "- Enable", "- Terminate", "- Delete").
 */
export type ScheduleAction = "disable" | "enable" | "terminate" | "delete";

export const SCHEDULE_ACTIONS: Record<ScheduleAction, { verb: string; done: string; what: string; route: ScheduleActionRoute }> = {
  disable: {
    verb: "Disable",
    done: "Schedule disabled",
    what: "No new job is created until the schedule is enabled again. A job it already created runs on.",
    route: "disableJobSchedule",
  },
  enable: {
    verb: "Enable",
    done: "Schedule enabled",
    what: "The schedule creates jobs again from its next due time; times missed while it was disabled are skipped.",
    route: "enableJobSchedule",
  },
  terminate: {
    verb: "Terminate",
    done: "Schedule termination started",
    what: "The schedule creates no more jobs and Batch terminates its open job (its running tasks stop). A terminated schedule cannot be enabled again.",
    route: "terminateJobSchedule",
  },
  delete: {
    verb: "Delete",
    done: "Schedule deletion started",
    what: "Batch deletes the schedule and every job it created, with their tasks and files. This cannot be undone.",
    route: "deleteJobSchedule",
  },
};

const OK: Availability = { ok: true };

export function scheduleActionAvailability(action: ScheduleAction, state: string): Availability {
  switch (action) {
    case "disable":
      return state === "active" ? OK : { ok: false, reason: `Batch disables only an active schedule; this one is ${state}.` };
    case "enable":
      return state === "disabled" ? OK : { ok: false, reason: `Batch enables only a disabled schedule; this one is ${state}.` };
    case "terminate":
      return state === "active" || state === "disabled" ? OK : { ok: false, reason: `The schedule is ${state}.` };
    case "delete":
      return state === "deleting" ? { ok: false, reason: "The schedule is already being deleted." } : OK;
  }
}

/** "PT1H" → "every PT1H"; absent → "once" (a schedule without recurrence creates one job). */
export const recurrenceText = (interval: string | undefined) => (interval ? `every ${interval}` : "once");
