import { toJobScheduleAddParameter } from "../convert/job-schedule";
import type { JobScheduleSpec } from "../job-schedule-spec";
import type { AzCliOptions } from "./az-cli";
import { exportContainerUrl } from "./job";
import { wireAzCli, wireBody, wireCSharp, wireJson, wirePython, type WireResource } from "./wire-export";

const scheduleResource = (spec: JobScheduleSpec): WireResource => ({
  noun: "job-schedule",
  fileName: "job-schedule.json",
  body: toJobScheduleAddParameter(spec, exportContainerUrl),
  restPath: "/jobschedules",
  python: { model: "JobScheduleAddParameter", add: "client.job_schedule.add(model)" },
});

/** The `POST /jobschedules` body on the wire: dates as ISO strings, secrets as `${…}` placeholders. */
export const toRestJobScheduleBody = (spec: JobScheduleSpec): Record<string, unknown> => wireBody(scheduleResource(spec));
export const exportJobScheduleRestJson = (spec: JobScheduleSpec): string => wireJson(scheduleResource(spec));
/** `az batch job-schedule create --json-file job-schedule.json` with the file it reads. */
export const exportJobScheduleAzCli = (spec: JobScheduleSpec, options?: AzCliOptions) => wireAzCli(scheduleResource(spec), options);
export const exportJobSchedulePython = (spec: JobScheduleSpec): string => wirePython(scheduleResource(spec));
export const exportJobScheduleCSharp = (spec: JobScheduleSpec): string => wireCSharp(scheduleResource(spec));
