/**
 * TaskAddParameter checks. Container rules (decided from the spec text "All regular Tasks ... run
 * on this Pool must specify the containerSettings property"): when the job's pool exists at add
 * time, a task without containerSettings on a container pool, or with containerSettings on a
 * non-container pool, is refused with 400 InvalidPropertyValue (PropertyName containerSettings).
 * When the pool is not known yet the same mismatch fails the task at run time with
 * ContainerInvalidSettings.
 */
import { invalidProperty } from "../http/batch-error";
import { INFINITE_DURATION } from "../model/duration";
import type { JobWire, PoolWire, TaskWire } from "../model/types";
import { applicationPackageReferencesAt } from "./application-packages";
import { containerSettingsFrom } from "./container-fields";
import { dependsOnFrom, exitConditionsFrom } from "./outcome-fields";
import { outputFilesFrom, resourceFilesFrom } from "./data-files";
import {
  displayNameField,
  durationField,
  idField,
  intField,
  nameValueList,
  objectField,
  requiredString,
  type Obj,
} from "./fields";

const NOT_EMULATED = ["multiInstanceSettings"] as const;

/** The validated, defaulted add fields; the server adds url, times, state and executionInfo. */
export type TaskFields = Pick<TaskWire, "id" | "commandLine" | "constraints" | "requiredSlots"> &
  Partial<
    Pick<
      TaskWire,
      | "containerSettings"
      | "environmentSettings"
      | "exitConditions"
      | "dependsOn"
      | "resourceFiles"
      | "outputFiles"
      | "applicationPackageReferences"
    >
  > & {
    [k: string]: unknown;
  };

/** TaskConstraints at `path` (a task's, a job manager's or a job preparation task's). */
export function taskConstraintsAt(o: Obj, path: string, defaultRetries: number): TaskWire["constraints"] {
  const p = path ? `${path}.constraints` : "constraints";
  const c = objectField(o, "constraints", path) ?? {};
  return {
    maxWallClockTime: durationField(c, "maxWallClockTime", p) ?? INFINITE_DURATION,
    retentionTime: durationField(c, "retentionTime", p) ?? "P7D",
    maxTaskRetryCount: intField(c, "maxTaskRetryCount", p, -1, 100) ?? defaultRetries,
  };
}

export const constraintsFrom = (body: Obj, job: JobWire): TaskWire["constraints"] =>
  taskConstraintsAt(body, "", job.constraints.maxTaskRetryCount ?? 0);

export function validateTaskAdd(body: Obj, job: JobWire, pool: PoolWire | undefined): TaskFields {
  const id = idField(body);
  for (const k of NOT_EMULATED) if (body[k] !== undefined) throw invalidProperty(k, `${k} is not emulated.`);
  const applicationPackageReferences = applicationPackageReferencesAt(body, "");
  const commandLine = requiredString(body, "commandLine", "", true);
  const containerSettings = containerSettingsFrom(body, "containerSettings", "");
  if (!containerSettings && commandLine.trim() === "")
    throw invalidProperty(
      "commandLine",
      "The command line must not be empty unless the task runs a container image (empty = image ENTRYPOINT).",
    );
  if (pool) {
    const containerPool = !!pool.virtualMachineConfiguration?.containerConfiguration;
    if (containerPool && !containerSettings)
      throw invalidProperty(
        "containerSettings",
        `Pool '${pool.id}' has a containerConfiguration: every task run on it must specify containerSettings.`,
      );
    if (!containerPool && containerSettings)
      throw invalidProperty(
        "containerSettings",
        `Pool '${pool.id}' has no containerConfiguration, so tasks cannot specify containerSettings.`,
      );
  }
  const requiredSlots = intField(body, "requiredSlots", "", 1, 256) ?? 1;
  if (pool && requiredSlots > pool.taskSlotsPerNode)
    throw invalidProperty(
      "requiredSlots",
      `The pool has only ${pool.taskSlotsPerNode} task slot(s) per node.`,
      String(requiredSlots),
    );
  const fields: TaskFields = {
    ...body,
    ...(applicationPackageReferences ? { applicationPackageReferences } : {}),
    id,
    commandLine,
    constraints: constraintsFrom(body, job),
    requiredSlots,
    userIdentity: objectField(body, "userIdentity") ?? {
      autoUser: { scope: "pool", elevationLevel: "nonadmin" },
    },
  };
  const displayName = displayNameField(body);
  if (displayName !== undefined) fields.displayName = displayName;
  if (containerSettings) fields.containerSettings = containerSettings;
  const env = nameValueList(body, "environmentSettings");
  if (env) fields.environmentSettings = env;
  const exitConditions = exitConditionsFrom(body, job);
  if (exitConditions) fields.exitConditions = exitConditions;
  const dependsOn = dependsOnFrom(body, job);
  if (dependsOn) fields.dependsOn = dependsOn;
  const resourceFiles = resourceFilesFrom(body, "");
  if (resourceFiles) fields.resourceFiles = resourceFiles;
  const outputFiles = outputFilesFrom(body, "");
  if (outputFiles) fields.outputFiles = outputFiles;
  return fields;
}
