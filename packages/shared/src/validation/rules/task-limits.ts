import type { Rule } from "../rule";
import { setFix } from "../rule";
import { parseIsoDuration } from "../../grammar/iso-duration";
import type { TaskFacts } from "../task-facts";
import type { JobFacts } from "./job-tasks";

/** Windows containers on Batch run only for an administrator; a non-admin task fails when its container starts. */
export const taskWindowsContainerElevated: Rule<TaskFacts> = {
  code: "task.windowsContainerNeedsAdmin",
  area: "task",
  level: "error",
  summary: "A container task on a Windows pool runs elevated (as an administrator).",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": on Windows, container tasks must run with an elevated (admin) user identity.',
  check: ({ spec, context }, emit) => {
    if (context.pool?.osType !== "windows" || !spec.containerSettings || spec.elevated) return;
    emit(["elevated"], `Pool "${context.pool.poolId}" runs Windows, where Batch starts a container only for an administrator; run the task elevated.`, {
      fix: setFix("Run the task elevated", ["elevated"], true),
    });
  },
};

const DURATIONS = [
  ["maxWallClockTime", "The time limit"],
  ["retentionTime", "How long the task's files are kept"],
] as const;

/** Batch takes ISO-8601 durations; anything else is refused when the task is added. */
export const taskConstraintDurations: Rule<TaskFacts> = {
  code: "task.constraintDuration",
  area: "task",
  level: "error",
  summary: "A task's time limit and retention are ISO-8601 durations.",
  source: "Batch REST TaskConstraints: maxWallClockTime and retentionTime are durations (e.g. PT1H, P7D).",
  check: ({ spec }, emit) => {
    for (const [field, what] of DURATIONS) {
      const value = spec.constraints[field];
      if (value !== undefined && parseIsoDuration(value) === undefined)
        emit(["constraints", field], `${what} "${value}" is not an ISO-8601 duration; write it like PT30M, PT2H or P7D.`);
    }
  },
};

export const taskLimitRules = [taskWindowsContainerElevated, taskConstraintDurations];

/** The job's own time limit, as Batch takes it. */
export const jobConstraintDuration: Rule<JobFacts> = {
  code: "job.constraintDuration",
  area: "job tasks",
  level: "error",
  summary: "A job's time limit is an ISO-8601 duration.",
  source: "Batch REST JobConstraints.maxWallClockTime: a duration (e.g. P1D); past it Batch terminates the job.",
  check: ({ spec }, emit) => {
    const value = spec.constraints?.maxWallClockTime;
    if (value !== undefined && parseIsoDuration(value) === undefined)
      emit(["constraints", "maxWallClockTime"], `The job's time limit "${value}" is not an ISO-8601 duration; write it like PT12H or P1D.`);
  },
};
