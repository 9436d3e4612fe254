/** JobScheduleAddParameter / JobScheduleUpdateParameter / JobSchedulePatchParameter checks. */
import { invalidProperty } from "../http/batch-error";
import type { JobScheduleWire, ScheduleWire } from "../model/types";
import { validateJobSpecification } from "./job-validation";
import {
  displayNameField,
  durationField,
  idField,
  nameValueList,
  objectField,
  requiredObject,
  stringField,
  type Obj,
} from "./fields";

/** "The minimum value is 1 minute" for both intervals (Batch REST "Job Schedule - Add", Schedule). */
const MIN_INTERVAL_MS = 60_000;

function timeField(o: Obj, name: string): string | undefined {
  const v = stringField(o, name, "schedule");
  if (v === undefined) return undefined;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw invalidProperty(`schedule.${name}`, "Expected an ISO 8601 date and time.", v);
  return new Date(ms).toISOString();
}

function scheduleFrom(o: Obj): ScheduleWire {
  const out: ScheduleWire = {
    doNotRunUntil: timeField(o, "doNotRunUntil"),
    doNotRunAfter: timeField(o, "doNotRunAfter"),
    startWindow: durationField(o, "startWindow", "schedule", MIN_INTERVAL_MS),
    recurrenceInterval: durationField(o, "recurrenceInterval", "schedule", MIN_INTERVAL_MS),
  };
  for (const k of Object.keys(out) as (keyof ScheduleWire)[]) if (out[k] === undefined) delete out[k];
  return out;
}

export type JobScheduleFields = Pick<JobScheduleWire, "schedule" | "jobSpecification" | "metadata">;

/** What add and update (PUT) take: schedule and jobSpecification required, metadata removed when absent. */
export function jobScheduleFieldsFrom(body: Obj): JobScheduleFields {
  return {
    schedule: scheduleFrom(requiredObject(body, "schedule")),
    jobSpecification: validateJobSpecification(requiredObject(body, "jobSpecification"), "jobSpecification"),
    metadata: nameValueList(body, "metadata") ?? [],
  };
}

/** What patch takes: only the parts given, each replaced whole. */
export function jobSchedulePatchFrom(body: Obj): Partial<JobScheduleFields> {
  const out: Partial<JobScheduleFields> = {};
  const schedule = objectField(body, "schedule");
  const spec = objectField(body, "jobSpecification");
  const metadata = nameValueList(body, "metadata");
  if (schedule) out.schedule = scheduleFrom(schedule);
  if (spec) out.jobSpecification = validateJobSpecification(spec, "jobSpecification");
  if (metadata) out.metadata = metadata;
  return out;
}

export function validateJobScheduleAdd(body: Obj): {
  id: string;
  displayName?: string;
  fields: JobScheduleFields;
} {
  return { id: idField(body), displayName: displayNameField(body), fields: jobScheduleFieldsFrom(body) };
}
