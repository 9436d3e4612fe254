/**
 * When a job schedule creates its next job: the rules of Batch REST "Job Schedule - Add" (Schedule)
 * as one pure function of the schedule, its due time and the clock. See docs/azure-batch-notes.md,
 * "Job schedules".
 */
import { parseDuration } from "../model/duration";
import type { ScheduleWire } from "../model/types";

export interface ScheduleStep {
  /** Create the next job now. */
  createJob: boolean;
  /** The following due time (ms since the epoch), or undefined when no job will follow. */
  nextRunTime: number | undefined;
  /** The schedule has ended: no job is open and none will be created. */
  complete: boolean;
}

/**
 * One step for a schedule with no open job (Batch runs at most one active job per schedule, so
 * the caller waits while one is). `due` is the pending nextRunTime; intervals are scaled so one
 * minute lasts `minuteMs`.
 */
export function scheduleStep(
  schedule: ScheduleWire,
  due: number | undefined,
  now: number,
  minuteMs: number,
): ScheduleStep {
  const scaled = (d: string | undefined) => {
    const ms = d === undefined ? undefined : parseDuration(d);
    return ms === undefined ? undefined : (ms / 60_000) * minuteMs;
  };
  const interval = scaled(schedule.recurrenceInterval);
  const window = scaled(schedule.startWindow) ?? Infinity;
  const until = schedule.doNotRunAfter === undefined ? Infinity : Date.parse(schedule.doNotRunAfter);
  let next = due;
  // A job not created within the start window is lost; a recurring schedule moves on to the
  // first recurrence whose window is still open.
  if (next !== undefined && now > next + window)
    next = interval === undefined ? undefined : next + Math.ceil((now - window - next) / interval) * interval;
  if (next !== undefined && next > until) next = undefined;
  const createJob = next !== undefined && now >= next;
  // The recurrence keeps its grid (start times one interval apart); a late job does not shift it.
  if (next !== undefined && createJob)
    next = interval === undefined ? undefined : next + (Math.floor((now - next) / interval) + 1) * interval;
  if (next !== undefined && next > until) next = undefined;
  // A one-off schedule is done once its job is; a recurring one once doNotRunAfter has passed.
  const complete = !createJob && next === undefined && (interval === undefined || now > until);
  return { createJob, nextRunTime: next, complete };
}
