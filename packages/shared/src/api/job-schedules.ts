import { z } from "zod";
import { readBackSpec } from "./read-back-spec";
import { JobScheduleSpec, ScheduleSpec } from "../job-schedule-spec";

/** A job schedule as the portal lists and shows it. */
export const JobScheduleSummary = z.object({
  id: z.string(),
  displayName: z.string().optional(),
  /** Batch JobScheduleState: active | completed | disabled | terminating | deleting. */
  state: z.string(),
  poolId: z.string().optional(),
  schedule: ScheduleSpec,
  creationTime: z.string().optional(),
  /** When the next job is due (absent when none will be: completed, disabled, or past doNotRunAfter). */
  nextRunTime: z.string().optional(),
  /** The schedule's open job, if any (one job of a schedule runs at a time). */
  recentJobId: z.string().optional(),
});
export type JobScheduleSummary = z.infer<typeof JobScheduleSummary>;

export const JobScheduleSpecResponse = z.object({ spec: readBackSpec(JobScheduleSpec, "JobScheduleSpec") });
