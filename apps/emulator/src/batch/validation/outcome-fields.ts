/**
 * A task's `exitConditions` and `dependsOn`, checked as Task - Add documents them (see
 * docs/azure-batch-notes.md#task-outcomes-and-dependencies): a jobAction needs a job whose
 * onTaskFailure is performexitoptionsjobaction, dependsOn needs a job with usesTaskDependencies,
 * and the taskIds may hold at most 64,000 characters in all.
 */
import { batchError, invalidProperty, missingProperty } from "../http/batch-error";
import type { ExitConditionsWire, ExitOptionsWire, JobWire, TaskDependenciesWire } from "../model/types";
import {
  arrayField,
  bodyObjectAt,
  enumField,
  intField,
  objectField,
  requiredObject,
  type Obj,
} from "./fields";

/** Task - Add: "The taskIds collection is limited to 64000 characters total". */
export const MAX_DEPENDENCY_ID_CHARS = 64_000;

function exitOptionsFrom(o: Obj, path: string, job: JobWire): ExitOptionsWire {
  const out: ExitOptionsWire = {};
  const jobAction = enumField(o, "jobAction", ["none", "disable", "terminate"] as const, path);
  const dependencyAction = enumField(o, "dependencyAction", ["satisfy", "block"] as const, path);
  if (jobAction !== undefined) {
    if (job.onTaskFailure !== "performexitoptionsjobaction")
      throw invalidProperty(
        `${path}.jobAction`,
        "A jobAction needs a job whose onTaskFailure is performexitoptionsjobaction.",
        jobAction,
      );
    out.jobAction = jobAction;
  }
  if (dependencyAction !== undefined) out.dependencyAction = dependencyAction;
  return out;
}

const requiredInt = (o: Obj, name: string, path: string): number => {
  const v = intField(o, name, path);
  if (v === undefined) throw missingProperty(`${path}.${name}`);
  return v;
};

export function exitConditionsFrom(body: Obj, job: JobWire): ExitConditionsWire | undefined {
  const c = objectField(body, "exitConditions");
  if (!c) return undefined;
  const out: ExitConditionsWire = {};
  const options = (o: Obj, path: string) =>
    exitOptionsFrom(requiredObject(o, "exitOptions", path), `${path}.exitOptions`, job);
  const codes = arrayField(c, "exitCodes", "exitConditions");
  if (codes)
    out.exitCodes = codes.map((item, i) => {
      const p = `exitConditions.exitCodes[${i}]`;
      const o = bodyObjectAt(item, p);
      return { code: requiredInt(o, "code", p), exitOptions: options(o, p) };
    });
  const ranges = arrayField(c, "exitCodeRanges", "exitConditions");
  if (ranges)
    out.exitCodeRanges = ranges.map((item, i) => {
      const p = `exitConditions.exitCodeRanges[${i}]`;
      const o = bodyObjectAt(item, p);
      const start = requiredInt(o, "start", p);
      const end = requiredInt(o, "end", p);
      if (start > end) throw invalidProperty(`${p}.end`, "end must not be less than start.", String(end));
      return { start, end, exitOptions: options(o, p) };
    });
  for (const k of ["preProcessingError", "fileUploadError", "default"] as const) {
    const o = objectField(c, k, "exitConditions");
    if (o) out[k] = exitOptionsFrom(o, `exitConditions.${k}`, job);
  }
  return out;
}

export function dependsOnFrom(body: Obj, job: JobWire): TaskDependenciesWire | undefined {
  const d = objectField(body, "dependsOn");
  if (!d) return undefined;
  if (!job.usesTaskDependencies)
    throw batchError(
      400,
      "TaskDependenciesNotSpecifiedOnJob",
      [
        {
          key: "Reason",
          value: `Job '${job.id}' does not set usesTaskDependencies, so its tasks cannot have dependsOn.`,
        },
      ],
      "The task has dependencies, but the job does not specify that it uses task dependencies.",
    );
  const out: TaskDependenciesWire = {};
  const ids = arrayField(d, "taskIds", "dependsOn");
  if (ids) {
    out.taskIds = ids.map((v, i) => {
      if (typeof v !== "string" || v.trim() === "")
        throw invalidProperty(`dependsOn.taskIds[${i}]`, "Expected a task id.", JSON.stringify(v));
      return v;
    });
    if (out.taskIds.reduce((n, id) => n + id.length, 0) > MAX_DEPENDENCY_ID_CHARS)
      throw batchError(
        400,
        "TaskDependencyListTooLong",
        [
          {
            key: "Reason",
            value: `The taskIds hold more than ${MAX_DEPENDENCY_ID_CHARS} characters; use taskIdRanges instead.`,
          },
        ],
        "The task dependency list is too long.",
      );
  }
  const ranges = arrayField(d, "taskIdRanges", "dependsOn");
  if (ranges)
    out.taskIdRanges = ranges.map((item, i) => {
      const p = `dependsOn.taskIdRanges[${i}]`;
      const o = bodyObjectAt(item, p);
      const start = requiredInt(o, "start", p);
      const end = requiredInt(o, "end", p);
      if (start > end) throw invalidProperty(`${p}.end`, "end must not be less than start.", String(end));
      return { start, end };
    });
  return out;
}
