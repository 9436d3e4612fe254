import type {
  JobManagerTaskSpec,
  JobPreparationTaskSpec,
  JobReleaseTaskSpec,
  JobSpec,
  TaskConstraintsSpec,
  TaskSpec,
} from "../task-spec";
import type { JobSpecificationSpec } from "../job-schedule-spec";
import type {
  JobAddParameter,
  JobManagerTask,
  JobPreparationTask,
  JobReleaseTask,
  JobSpecification,
  TaskAddParameter,
} from "./batch-models";
import { toApplicationPackageReferences } from "./application-packages";
import { compact, toContainerSettings, toEnvironmentSettings } from "./container-parts";
import { toExitConditions } from "./exit-conditions";
import { toOutputFiles, toResourceFiles, type ContainerUrlOf } from "./task-data";

const toConstraints = (c: TaskConstraintsSpec) =>
  compact({
    maxWallClockTime: c.maxWallClockTime,
    retentionTime: c.retentionTime,
    maxTaskRetryCount: c.maxTaskRetryCount,
  });

const taskUser = (elevated: boolean) => ({
  autoUser: { scope: "task" as const, elevationLevel: elevated ? ("admin" as const) : ("nonadmin" as const) },
});

/** Batch's TaskDependencies, or nothing when the task waits for none. */
const toDependsOn = (d: TaskSpec["dependsOn"]) =>
  d && (d.taskIds.length > 0 || d.taskIdRanges.length > 0)
    ? compact({ taskIds: d.taskIds.length ? d.taskIds : undefined, taskIdRanges: d.taskIdRanges.length ? d.taskIdRanges : undefined })
    : undefined;

/**
 * The `@azure/batch` body for `task.add`. An empty command line is sent as "" on purpose: for a
 * container task it means "run the image's ENTRYPOINT". `containerUrlOf` signs "account storage"
 * output destinations (the BFF's job).
 */
export const toTaskAddParameter = (task: TaskSpec, containerUrlOf?: ContainerUrlOf): TaskAddParameter =>
  compact({
    id: task.id,
    displayName: task.displayName,
    commandLine: task.commandLine,
    containerSettings: task.containerSettings ? toContainerSettings(task.containerSettings) : undefined,
    resourceFiles: toResourceFiles(task.resourceFiles),
    outputFiles: toOutputFiles(task.outputFiles, containerUrlOf),
    applicationPackageReferences: toApplicationPackageReferences(task.applicationPackages),
    environmentSettings: toEnvironmentSettings(task.env),
    constraints: toConstraints(task.constraints),
    requiredSlots: task.requiredSlots,
    dependsOn: toDependsOn(task.dependsOn),
    exitConditions: toExitConditions(task.exitConditions),
    userIdentity: taskUser(task.elevated),
  });

export const toJobManagerTask = (t: JobManagerTaskSpec, containerUrlOf?: ContainerUrlOf): JobManagerTask =>
  compact({
    id: t.id,
    displayName: t.displayName,
    commandLine: t.commandLine,
    containerSettings: t.containerSettings ? toContainerSettings(t.containerSettings) : undefined,
    resourceFiles: toResourceFiles(t.resourceFiles),
    outputFiles: toOutputFiles(t.outputFiles, containerUrlOf),
    applicationPackageReferences: toApplicationPackageReferences(t.applicationPackages),
    environmentSettings: toEnvironmentSettings(t.env),
    constraints: t.constraints ? toConstraints(t.constraints) : undefined,
    requiredSlots: t.requiredSlots,
    killJobOnCompletion: t.killJobOnCompletion,
    runExclusive: t.runExclusive,
    userIdentity: taskUser(t.elevated),
  });

export const toJobPreparationTask = (t: JobPreparationTaskSpec): JobPreparationTask =>
  compact({
    id: t.id,
    commandLine: t.commandLine,
    containerSettings: t.containerSettings ? toContainerSettings(t.containerSettings) : undefined,
    resourceFiles: toResourceFiles(t.resourceFiles),
    environmentSettings: toEnvironmentSettings(t.env),
    constraints: t.constraints ? toConstraints(t.constraints) : undefined,
    waitForSuccess: t.waitForSuccess,
    rerunOnNodeRebootAfterSuccess: t.rerunOnNodeRebootAfterSuccess,
    userIdentity: taskUser(t.elevated),
  });

export const toJobReleaseTask = (t: JobReleaseTaskSpec): JobReleaseTask =>
  compact({
    id: t.id,
    commandLine: t.commandLine,
    containerSettings: t.containerSettings ? toContainerSettings(t.containerSettings) : undefined,
    resourceFiles: toResourceFiles(t.resourceFiles),
    environmentSettings: toEnvironmentSettings(t.env),
    maxWallClockTime: t.maxWallClockTime,
    retentionTime: t.retentionTime,
    userIdentity: taskUser(t.elevated),
  });

/** The job fields every job body shares: Job_Add's and a schedule's jobSpecification. */
export const toJobSpecification = (
  job: JobSpecificationSpec,
  containerUrlOf?: ContainerUrlOf,
): JobSpecification =>
  compact({
    displayName: job.displayName,
    poolInfo: { poolId: job.poolId },
    priority: job.priority,
    maxParallelTasks: job.maxParallelTasks,
    onAllTasksComplete: job.onAllTasksComplete,
    // Batch's defaults are sent as nothing, so a plain job's body stays what it was.
    onTaskFailure: job.onTaskFailure === "noaction" ? undefined : job.onTaskFailure,
    constraints: job.constraints && (job.constraints.maxWallClockTime !== undefined || job.constraints.maxTaskRetryCount !== undefined) ? compact({ ...job.constraints }) : undefined,
    usesTaskDependencies: job.usesTaskDependencies || undefined,
    metadata: job.metadata.length > 0 ? job.metadata : undefined,
    commonEnvironmentSettings: toEnvironmentSettings(job.env),
    jobManagerTask: job.jobManagerTask ? toJobManagerTask(job.jobManagerTask, containerUrlOf) : undefined,
    jobPreparationTask: job.jobPreparationTask ? toJobPreparationTask(job.jobPreparationTask) : undefined,
    jobReleaseTask: job.jobReleaseTask ? toJobReleaseTask(job.jobReleaseTask) : undefined,
  });

export const toJobAddParameter = (job: JobSpec, containerUrlOf?: ContainerUrlOf): JobAddParameter => ({
  id: job.id,
  ...toJobSpecification(job, containerUrlOf),
});
