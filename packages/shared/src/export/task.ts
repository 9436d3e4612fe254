import { toTaskAddParameter } from "../convert/task";
import type { TaskSpec } from "../task-spec";
import type { AzCliOptions } from "./az-cli";
import { exportContainerUrl } from "./job";
import { wireAzCli, wireCSharp, wireJson, wirePython, type WireResource } from "./wire-export";

const taskResource = (jobId: string, spec: TaskSpec): WireResource => ({
  noun: "task",
  fileName: "task.json",
  body: toTaskAddParameter(spec, exportContainerUrl),
  restPath: `/jobs/${jobId}/tasks`,
  python: { model: "TaskAddParameter", add: `client.task.add(${JSON.stringify(jobId)}, model)` },
  azArguments: `--job-id ${jobId}`,
});

/** The `POST /jobs/{jobId}/tasks` body on the wire (also `az batch task create --json-file`). */
export const exportTaskRestJson = (jobId: string, spec: TaskSpec): string => wireJson(taskResource(jobId, spec));
export const exportTaskAzCli = (jobId: string, spec: TaskSpec, options?: AzCliOptions) =>
  wireAzCli(taskResource(jobId, spec), options);
export const exportTaskPython = (jobId: string, spec: TaskSpec): string => wirePython(taskResource(jobId, spec));
export const exportTaskCSharp = (jobId: string, spec: TaskSpec): string => wireCSharp(taskResource(jobId, spec));
