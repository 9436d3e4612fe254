import type { JobScheduleSpec, ScheduleSpec } from "../job-schedule-spec";
import type { CloudJobSchedule, JobScheduleAddParameter, Schedule } from "./batch-models";
import { compact } from "./container-parts";
import { fromJobSpecification } from "./from-cloud-task";
import type { ContainerUrlOf } from "./task-data";
import { toJobSpecification } from "./task";

const toDate = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));
// The SDK deserialises date-times to Date; a REST JSON body (or structuredClone of one) keeps strings.
const fromDate = (d: Date | string | undefined) => (d === undefined ? undefined : new Date(d).toISOString());

export const toSchedule = (s: ScheduleSpec): Schedule =>
  compact({
    doNotRunUntil: toDate(s.doNotRunUntil),
    doNotRunAfter: toDate(s.doNotRunAfter),
    startWindow: s.startWindow,
    recurrenceInterval: s.recurrenceInterval,
  });

export const fromSchedule = (s: Schedule | undefined): ScheduleSpec =>
  compact({
    doNotRunUntil: fromDate(s?.doNotRunUntil),
    doNotRunAfter: fromDate(s?.doNotRunAfter),
    startWindow: s?.startWindow,
    recurrenceInterval: s?.recurrenceInterval,
  });

/** The `@azure/batch` body for `jobSchedule.add`; the job fields convert as Job_Add's do. */
export const toJobScheduleAddParameter = (
  spec: JobScheduleSpec,
  containerUrlOf?: ContainerUrlOf,
): JobScheduleAddParameter =>
  compact({
    id: spec.id,
    displayName: spec.displayName,
    schedule: toSchedule(spec.schedule),
    jobSpecification: toJobSpecification(spec.jobSpecification, containerUrlOf),
    metadata: spec.metadata.length > 0 ? spec.metadata : undefined,
  });

/** A schedule from Batch back to a spec (for cloning); registry passwords come back empty. Undefined without id or job. */
export const fromCloudJobSchedule = (s: CloudJobSchedule): JobScheduleSpec | undefined => {
  if (!s.id || !s.jobSpecification) return undefined;
  return compact({
    id: s.id,
    displayName: s.displayName,
    schedule: fromSchedule(s.schedule),
    jobSpecification: fromJobSpecification(s.jobSpecification),
    metadata: (s.metadata ?? []).map(({ name, value }) => ({ name, value })),
  });
};
