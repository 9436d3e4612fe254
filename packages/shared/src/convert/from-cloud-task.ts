import type { TaskSpec } from "../task-spec";
import type { CloudTask } from "./batch-models";
import { fromContainerSettings, fromEnvironmentSettings } from "./container-parts";

/** A CloudTask back to a spec ("run again"); registry passwords come back empty. Undefined without id. */
export const fromCloudTask = (task: CloudTask): TaskSpec | undefined => {
  if (!task.id) return undefined;
  const spec: TaskSpec = {
    id: task.id,
    commandLine: task.commandLine ?? "",
    env: fromEnvironmentSettings(task.environmentSettings),
    constraints: { maxTaskRetryCount: task.constraints?.maxTaskRetryCount ?? 0 },
    elevated: task.userIdentity?.autoUser?.elevationLevel === "admin",
    requiredSlots: task.requiredSlots ?? 1,
  };
  if (task.displayName !== undefined) spec.displayName = task.displayName;
  if (task.constraints?.maxWallClockTime !== undefined)
    spec.constraints.maxWallClockTime = task.constraints.maxWallClockTime;
  if (task.constraints?.retentionTime !== undefined)
    spec.constraints.retentionTime = task.constraints.retentionTime;
  if (task.containerSettings) spec.containerSettings = fromContainerSettings(task.containerSettings);
  return spec;
};
