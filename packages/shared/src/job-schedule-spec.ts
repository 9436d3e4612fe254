import { z } from "zod";
import { batchId } from "./ids";
import { JobSpec } from "./task-spec";

/**
 * The job a schedule creates each time it fires: every JobSpec field but the id, because Batch
 * names scheduled jobs itself (Batch REST JobSpecification has no id).
 */
export const JobSpecificationSpec = JobSpec.omit({ id: true });
export type JobSpecificationSpec = z.infer<typeof JobSpecificationSpec>;
export type JobSpecificationInput = z.input<typeof JobSpecificationSpec>;

const dateTime = (what: string) =>
  z.iso.datetime({ offset: true, error: `${what} must be a date and time such as 2026-12-24T18:00:00Z` });

/**
 * When jobs are created (Batch REST Schedule). Durations are ISO-8601 ("PT1H"); absent fields
 * take Batch's defaults: run now, never stop, no start window, one job only.
 */
export const ScheduleSpec = z.object({
  doNotRunUntil: dateTime("doNotRunUntil").optional(),
  doNotRunAfter: dateTime("doNotRunAfter").optional(),
  /** How long after its due time a job may still be created; missed windows are skipped. */
  startWindow: z.string().optional(),
  /** Time between job creations; absent = a single job. One job of a schedule is open at a time. */
  recurrenceInterval: z.string().optional(),
});
export type ScheduleSpec = z.infer<typeof ScheduleSpec>;

export const JobScheduleSpec = z.object({
  id: batchId("Job schedule"),
  displayName: z.string().max(1024, "display name must be at most 1024 characters").optional(),
  schedule: ScheduleSpec.default({}),
  jobSpecification: JobSpecificationSpec,
  metadata: z.array(z.object({ name: z.string().min(1), value: z.string() })).default([]),
});
export type JobScheduleSpec = z.infer<typeof JobScheduleSpec>;
export type JobScheduleSpecInput = z.input<typeof JobScheduleSpec>;

/** A schedule's PATCH: only what is given changes (Batch JobSchedule_Patch). */
export const JobSchedulePatch = z
  .object({
    schedule: ScheduleSpec.optional(),
    jobSpecification: JobSpecificationSpec.optional(),
    metadata: JobScheduleSpec.shape.metadata.unwrap().optional(),
  })
  .refine((p) => p.schedule !== undefined || p.jobSpecification !== undefined || p.metadata !== undefined, {
    message: "give at least one of schedule, jobSpecification or metadata",
  });
export type JobSchedulePatch = z.infer<typeof JobSchedulePatch>;
