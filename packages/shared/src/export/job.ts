import { toJobAddParameter } from "../convert/task";
import type { JobSpec } from "../task-spec";
import type { AzCliOptions } from "./az-cli";
import { outputContainerUrlEnvVar, placeholder } from "./secrets";
import { wireAzCli, wireCSharp, wireJson, wirePython, type WireResource } from "./wire-export";

/** "Account storage" destinations in an export: a placeholder for the write SAS URL (the BFF signs them when it submits). */
export const exportContainerUrl = (containerName: string): string => placeholder(outputContainerUrlEnvVar(containerName));

const jobResource = (spec: JobSpec): WireResource => ({
  noun: "job",
  fileName: "job.json",
  body: toJobAddParameter(spec, exportContainerUrl),
  restPath: "/jobs",
  python: { model: "JobAddParameter", add: "client.job.add(model)" },
});

/** The `POST /jobs` body on the wire (also `az batch job create --json-file`). */
export const exportJobRestJson = (spec: JobSpec): string => wireJson(jobResource(spec));
export const exportJobAzCli = (spec: JobSpec, options?: AzCliOptions) => wireAzCli(jobResource(spec), options);
export const exportJobPython = (spec: JobSpec): string => wirePython(jobResource(spec));
export const exportJobCSharp = (spec: JobSpec): string => wireCSharp(jobResource(spec));
