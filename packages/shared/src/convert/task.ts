import type { JobSpec, TaskSpec } from "../task-spec";
import type { JobAddParameter, TaskAddParameter } from "./batch-models";
import { compact, toContainerSettings, toEnvironmentSettings } from "./container-parts";

/**
 * The `@azure/batch` body for `task.add`. An empty command line is sent as "" on purpose: for a
 * container task it means "run the image's ENTRYPOINT".
 */
export const toTaskAddParameter = (task: TaskSpec): TaskAddParameter =>
  compact({
    id: task.id,
    displayName: task.displayName,
    commandLine: task.commandLine,
    containerSettings: task.containerSettings ? toContainerSettings(task.containerSettings) : undefined,
    environmentSettings: toEnvironmentSettings(task.env),
    constraints: compact({
      maxWallClockTime: task.constraints.maxWallClockTime,
      retentionTime: task.constraints.retentionTime,
      maxTaskRetryCount: task.constraints.maxTaskRetryCount,
    }),
    requiredSlots: task.requiredSlots,
    userIdentity: {
      autoUser: {
        scope: "task" as const,
        elevationLevel: task.elevated ? ("admin" as const) : ("nonadmin" as const),
      },
    },
  });

export const toJobAddParameter = (job: JobSpec): JobAddParameter =>
  compact({
    id: job.id,
    displayName: job.displayName,
    poolInfo: { poolId: job.poolId },
    priority: job.priority,
    maxParallelTasks: job.maxParallelTasks,
    onAllTasksComplete: job.onAllTasksComplete,
    commonEnvironmentSettings: toEnvironmentSettings(job.env),
  });
