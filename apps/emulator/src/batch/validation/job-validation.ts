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

function poolInfoFrom(body: Obj, required: boolean): JobWire["poolInfo"] | undefined {
  const info = required ? requiredObject(body, "poolInfo") : objectField(body, "poolInfo");
  if (!info) return undefined;
  if (info.autoPoolSpecification !== undefined)
    throw invalidProperty(
      "poolInfo.autoPoolSpecification",
      "Auto pools are not emulated; create a pool and give its poolId.",
    );
  const poolId = stringField(info, "poolId", "poolInfo");
  if (!poolId) throw missingProperty("poolInfo.poolId");
  return { poolId };
}

/** The fields update (PUT, `replace`) and patch (PATCH) may change. */
export function jobSettableFrom(body: Obj, replace: boolean): JobSettable {
  const out: JobSettable = {};
  const priority = intField(body, "priority", "", -1000, 1000);
  const maxParallelTasks = intField(body, "maxParallelTasks", "", -1);
  if (maxParallelTasks === 0)
    throw invalidProperty("maxParallelTasks", "Use -1 for no limit or a value of at least 1.", "0");
  const allowTaskPreemption = boolField(body, "allowTaskPreemption");
  const constraints = objectField(body, "constraints");
  const poolInfo = poolInfoFrom(body, replace);
  const onAllTasksComplete = enumField(body, "onAllTasksComplete", ["noaction", "terminatejob"] as const);
  const metadata = nameValueList(body, "metadata");
  if (replace || priority !== undefined) out.priority = priority ?? 0;
  if (replace || maxParallelTasks !== undefined) out.maxParallelTasks = maxParallelTasks ?? -1;
  if (replace || allowTaskPreemption !== undefined) out.allowTaskPreemption = allowTaskPreemption ?? false;
  if (replace || constraints)
    out.constraints = {
      maxWallClockTime: constraints
        ? durationField(constraints, "maxWallClockTime", "constraints")
        : undefined,
      maxTaskRetryCount: constraints
        ? (intField(constraints, "maxTaskRetryCount", "constraints", -1, 100) ?? 0)
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
  const displayName = displayNameField(body);
  const settable = jobSettableFrom(body, true);
  const poolWire = settable.poolInfo?.poolId ? pool?.(settable.poolInfo.poolId) : undefined;
  const fields: Partial<JobWire> = {
    ...body,
    ...settable,
    ...jobTasksFrom(body, poolWire, { constraints: settable.constraints ?? {} }),
    id,
    usesTaskDependencies: boolField(body, "usesTaskDependencies") ?? false,
    onTaskFailure:
      enumField(body, "onTaskFailure", ["noaction", "performexitoptionsjobaction"] as const) ?? "noaction",
    commonEnvironmentSettings: nameValueList(body, "commonEnvironmentSettings"),
  };
  if (displayName !== undefined) fields.displayName = displayName;
  for (const k of Object.keys(fields) as (keyof JobWire)[]) if (fields[k] === undefined) delete fields[k];
  return { id, fields };
}
