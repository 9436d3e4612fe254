import { parseIsoDuration } from "../grammar/iso-duration";
import type {
  JobManagerTaskSpec,
  JobPreparationTaskSpec,
  JobReleaseTaskSpec,
  TaskConstraintsSpec,
  TaskSpec,
} from "../task-spec";
import type { BatchServiceModels } from "@azure/batch";
import type { JobSpecificationSpec } from "../job-schedule-spec";
import type {
  CloudTask,
  JobManagerTask,
  JobPreparationTask,
  JobReleaseTask,
  JobSpecification,
} from "./batch-models";
import { fromApplicationPackageReferences } from "./application-packages";
import { compact, fromContainerSettings, fromEnvironmentSettings } from "./container-parts";
import { fromExitConditions } from "./exit-conditions";
import { fromOutputFiles, fromResourceFiles, type UrlReading } from "./task-data";
import { withoutSas } from "../grammar/sas";

const fromConstraints = (c: BatchServiceModels.TaskConstraints | undefined): TaskConstraintsSpec =>
  compact({
    maxWallClockTime: c?.maxWallClockTime,
    retentionTime: c?.retentionTime,
    maxTaskRetryCount: c?.maxTaskRetryCount ?? 0,
  });

/** Batch answers "unlimited" as .NET's TimeSpan.MaxValue (P10675199DT2H48M5.4775807S): anything past 10,000 days is none. */
const UNLIMITED_MS = 10_000 * 24 * 3_600_000;

/**
 * A job's constraints without Batch's defaults (no time limit, 0 retries), which Batch fills in
 * on every job it returns: a job that set none comes back with none.
 */
const fromJobConstraints = (c: BatchServiceModels.JobConstraints | undefined) => {
  const wall = c?.maxWallClockTime;
  const limited = wall !== undefined && (parseIsoDuration(wall) ?? 0) < UNLIMITED_MS ? wall : undefined;
  const retries = c?.maxTaskRetryCount === 0 ? undefined : c?.maxTaskRetryCount;
  return limited === undefined && retries === undefined ? undefined : compact({ maxWallClockTime: limited, maxTaskRetryCount: retries });
};

/** The parts every task kind shares, back to spec fields (SAS queries dropped, see task-data.ts). */
const commonParts = (t: JobManagerTask | JobPreparationTask | JobReleaseTask | CloudTask, readUrl: UrlReading = withoutSas) =>
  compact({
    containerSettings: t.containerSettings ? fromContainerSettings(t.containerSettings) : undefined,
    env: fromEnvironmentSettings(t.environmentSettings),
    resourceFiles: fromResourceFiles(t.resourceFiles, readUrl),
    elevated: t.userIdentity?.autoUser?.elevationLevel === "admin",
  });

/**
 * A CloudTask back to a spec ("run again"); registry passwords come back empty. Undefined without
 * id. `readUrl` says what becomes of file URLs (their SAS dropped, unless the task is JSON the
 * operator pasted).
 */
export const fromCloudTask = (task: CloudTask, readUrl: UrlReading = withoutSas): TaskSpec | undefined => {
  if (!task.id) return undefined;
  return compact({
    id: task.id,
    displayName: task.displayName,
    commandLine: task.commandLine ?? "",
    ...commonParts(task, readUrl),
    outputFiles: fromOutputFiles(task.outputFiles, readUrl),
    applicationPackages: fromApplicationPackageReferences(task.applicationPackageReferences),
    constraints: fromConstraints(task.constraints),
    requiredSlots: task.requiredSlots ?? 1,
    dependsOn:
      task.dependsOn && ((task.dependsOn.taskIds?.length ?? 0) > 0 || (task.dependsOn.taskIdRanges?.length ?? 0) > 0)
        ? { taskIds: task.dependsOn.taskIds ?? [], taskIdRanges: (task.dependsOn.taskIdRanges ?? []).map(({ start, end }) => ({ start, end })) }
        : undefined,
    exitConditions: fromExitConditions(task.exitConditions),
  });
};

export const fromJobManagerTask = (t: JobManagerTask): JobManagerTaskSpec =>
  compact({
    id: t.id,
    displayName: t.displayName,
    commandLine: t.commandLine,
    ...commonParts(t),
    outputFiles: fromOutputFiles(t.outputFiles),
    applicationPackages: fromApplicationPackageReferences(t.applicationPackageReferences),
    constraints: t.constraints ? fromConstraints(t.constraints) : undefined,
    requiredSlots: t.requiredSlots ?? 1,
    killJobOnCompletion: t.killJobOnCompletion ?? true,
    runExclusive: t.runExclusive ?? true,
  });

export const fromJobPreparationTask = (t: JobPreparationTask): JobPreparationTaskSpec =>
  compact({
    id: t.id,
    commandLine: t.commandLine,
    ...commonParts(t),
    constraints: t.constraints ? fromConstraints(t.constraints) : undefined,
    waitForSuccess: t.waitForSuccess ?? true,
    rerunOnNodeRebootAfterSuccess: t.rerunOnNodeRebootAfterSuccess ?? true,
  });

export const fromJobReleaseTask = (t: JobReleaseTask): JobReleaseTaskSpec =>
  compact({
    id: t.id,
    commandLine: t.commandLine,
    ...commonParts(t),
    maxWallClockTime: t.maxWallClockTime,
    retentionTime: t.retentionTime,
  });

/** A job body's job fields back to spec fields (Batch's defaults where the body has none). */
export const fromJobSpecification = (j: JobSpecification): JobSpecificationSpec =>
  compact({
    displayName: j.displayName,
    poolId: j.poolInfo.poolId ?? "",
    priority: j.priority ?? 0,
    maxParallelTasks: j.maxParallelTasks ?? -1,
    onAllTasksComplete: j.onAllTasksComplete === "terminatejob" ? "terminatejob" : "noaction",
    onTaskFailure: j.onTaskFailure === "performexitoptionsjobaction" ? "performexitoptionsjobaction" : "noaction",
    constraints: fromJobConstraints(j.constraints),
    usesTaskDependencies: j.usesTaskDependencies ?? false,
    env: fromEnvironmentSettings(j.commonEnvironmentSettings),
    metadata: (j.metadata ?? []).map(({ name, value }) => ({ name, value })),
    jobManagerTask: j.jobManagerTask ? fromJobManagerTask(j.jobManagerTask) : undefined,
    jobPreparationTask: j.jobPreparationTask ? fromJobPreparationTask(j.jobPreparationTask) : undefined,
    jobReleaseTask: j.jobReleaseTask ? fromJobReleaseTask(j.jobReleaseTask) : undefined,
  });
