/** JobAddParameter / JobUpdateParameter / JobPatchParameter checks. */
import { invalidProperty, missingProperty } from "../http/batch-error";
import type { JobWire, PoolWire } from "../model/types";
import {
  boolField,
  displayNameField,
  durationField,
  enumField,
  idField,
  intField,
  nameValueList,
  objectField,
  requiredObject,
  stringField,
  type Obj,
} from "./fields";
import { jobTasksFrom } from "./job-task-fields";

export type JobSettable = Partial<
  Pick<
    JobWire,
    | "priority"
    | "maxParallelTasks"
    | "allowTaskPreemption"
    | "constraints"
    | "poolInfo"
    | "onAllTasksComplete"
    | "metadata"
  >
>;

const at = (path: string, name: string) => (path ? `${path}.${name}` : name);

function poolInfoFrom(body: Obj, required: boolean, path: string): JobWire["poolInfo"] | undefined {
  const info = required ? requiredObject(body, "poolInfo", path) : objectField(body, "poolInfo", path);
  if (!info) return undefined;
  if (info.autoPoolSpecification !== undefined)
    throw invalidProperty(
      at(path, "poolInfo.autoPoolSpecification"),
      "Auto pools are not emulated; create a pool and give its poolId.",
    );
  const poolId = stringField(info, "poolId", at(path, "poolInfo"));
  if (!poolId) throw missingProperty(at(path, "poolInfo.poolId"));
  return { poolId };
}

/**
 * The fields update (PUT, `replace`) and patch (PATCH) may change. `path` places the body in a
 * larger one (a job schedule's `jobSpecification`) so errors name the whole property path.
 */
export function jobSettableFrom(body: Obj, replace: boolean, path = ""): JobSettable {
  const out: JobSettable = {};
  const priority = intField(body, "priority", path, -1000, 1000);
  const maxParallelTasks = intField(body, "maxParallelTasks", path, -1);
  if (maxParallelTasks === 0)
    throw invalidProperty(at(path, "maxParallelTasks"), "Use -1 for no limit or a value of at least 1.", "0");
  const allowTaskPreemption = boolField(body, "allowTaskPreemption", path);
  const constraints = objectField(body, "constraints", path);
  const poolInfo = poolInfoFrom(body, replace, path);
  const onAllTasksComplete = enumField(
    body,
    "onAllTasksComplete",
    ["noaction", "terminatejob"] as const,
    path,
  );
  const metadata = nameValueList(body, "metadata", path);
  if (replace || priority !== undefined) out.priority = priority ?? 0;
  if (replace || maxParallelTasks !== undefined) out.maxParallelTasks = maxParallelTasks ?? -1;
  if (replace || allowTaskPreemption !== undefined) out.allowTaskPreemption = allowTaskPreemption ?? false;
  if (replace || constraints)
    out.constraints = {
      maxWallClockTime: constraints
        ? durationField(constraints, "maxWallClockTime", at(path, "constraints"))
        : undefined,
      maxTaskRetryCount: constraints
        ? (intField(constraints, "maxTaskRetryCount", at(path, "constraints"), -1, 100) ?? 0)
        : 0,
    };
  if (poolInfo) out.poolInfo = poolInfo;
  if (replace || onAllTasksComplete) out.onAllTasksComplete = onAllTasksComplete ?? "noaction";
  if (replace || metadata) out.metadata = metadata ?? [];
  if (out.constraints?.maxWallClockTime === undefined) delete out.constraints?.maxWallClockTime;
  return out;
}

/** `pool`: the job's pool when it exists at add time (container rules of the job manager task). */
export function validateJobAdd(
  body: Obj,
  pool?: (poolId: string) => PoolWire | undefined,
): { id: string; fields: Partial<JobWire> } {
  const id = idField(body);
  return { id, fields: { ...validateJobSpecification(body, "", pool), id } };
}

/**
 * A job's fields other than its id: a JobAddParameter's, or a job schedule's `jobSpecification`.
 * `pool`: the job's pool when it exists (container rules of the job manager task).
 */
export function validateJobSpecification(
  body: Obj,
  path = "",
  pool?: (poolId: string) => PoolWire | undefined,
): Partial<JobWire> {
  const displayName = displayNameField(body, path);
  const settable = jobSettableFrom(body, true, path);
  const poolWire = settable.poolInfo?.poolId ? pool?.(settable.poolInfo.poolId) : undefined;
  const fields: Partial<JobWire> = {
    ...body,
    ...settable,
    ...jobTasksFrom(body, poolWire, { constraints: settable.constraints ?? {} }),
    usesTaskDependencies: boolField(body, "usesTaskDependencies", path) ?? false,
    onTaskFailure:
      enumField(body, "onTaskFailure", ["noaction", "performexitoptionsjobaction"] as const, path) ??
      "noaction",
    commonEnvironmentSettings: nameValueList(body, "commonEnvironmentSettings", path),
  };
  delete fields.id;
  if (displayName !== undefined) fields.displayName = displayName;
  for (const k of Object.keys(fields) as (keyof JobWire)[]) if (fields[k] === undefined) delete fields[k];
  return fields;
}
