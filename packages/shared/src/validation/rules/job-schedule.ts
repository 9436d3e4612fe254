import { parseIsoDuration } from "../../grammar/iso-duration";
import type { JobScheduleSpec } from "../../job-schedule-spec";
import type { Emit, Rule } from "../rule";

export interface JobScheduleFacts {
  /** The schedule's own rules read only its timing, so a draft whose job is unfinished is judged too. */
  spec: Pick<JobScheduleSpec, "schedule">;
}

const MINUTE_MS = 60_000;

/** A schedule duration that must be a day/time ISO-8601 duration of at least one minute. */
const atLeastAMinute =
  (field: "recurrenceInterval" | "startWindow", meaning: string) =>
  (value: string | undefined, emit: Emit) => {
    if (value === undefined) return;
    const ms = parseIsoDuration(value);
    if (ms === undefined) {
      emit(
        ["schedule", field],
        `"${value}" is not an ISO-8601 duration; write it like PT30M (30 minutes), PT2H or P1D.`,
      );
    } else if (ms < MINUTE_MS) {
      emit(["schedule", field], `${meaning} must be at least 1 minute (PT1M); "${value}" is shorter.`);
    }
  };

const recurrence = atLeastAMinute("recurrenceInterval", "The time between jobs");
const startWindow = atLeastAMinute("startWindow", "The start window");

export const recurrenceIntervalMinimum: Rule<JobScheduleFacts> = {
  code: "schedule.recurrenceIntervalMinimum",
  area: "job schedule",
  level: "error",
  summary: "A schedule's recurrence interval is an ISO-8601 duration of at least one minute.",
  source:
    "Batch REST Schedule.recurrenceInterval: the minimum value is 1 minute; a lower value is rejected with 400 (Bad Request).",
  check: ({ spec }, emit) => recurrence(spec.schedule.recurrenceInterval, emit),
};

export const startWindowMinimum: Rule<JobScheduleFacts> = {
  code: "schedule.startWindowMinimum",
  area: "job schedule",
  level: "error",
  summary: "A schedule's start window is an ISO-8601 duration of at least one minute.",
  source:
    "Batch REST Schedule.startWindow: the minimum value is 1 minute; a lower value is rejected with 400 (Bad Request).",
  check: ({ spec }, emit) => startWindow(spec.schedule.startWindow, emit),
};

export const runAfterFollowsRunUntil: Rule<JobScheduleFacts> = {
  code: "schedule.doNotRunAfterAfterUntil",
  area: "job schedule",
  level: "error",
  summary: "A schedule's doNotRunAfter comes after its doNotRunUntil.",
  source:
    "Batch REST Schedule: no job is created before doNotRunUntil nor after doNotRunAfter, so a window that ends before it begins creates no job.",
  check: ({ spec: { schedule } }, emit) => {
    if (schedule.doNotRunUntil === undefined || schedule.doNotRunAfter === undefined) return;
    if (Date.parse(schedule.doNotRunAfter) > Date.parse(schedule.doNotRunUntil)) return;
    emit(
      ["schedule", "doNotRunAfter"],
      `The schedule would stop (${schedule.doNotRunAfter}) before it may start (${schedule.doNotRunUntil}), so it would never create a job; choose a later doNotRunAfter.`,
    );
  },
};

export const jobScheduleRules = [recurrenceIntervalMinimum, startWindowMinimum, runAfterFollowsRunUntil];
