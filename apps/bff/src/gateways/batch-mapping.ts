import type { BatchServiceModels } from "@azure/batch";
import {
  fromSchedule,
  type JobScheduleSummary,
  fromStartTask,
  type JobNodeTaskRun,
  type JobNodeTaskStatus,
  type JobSummary,
  type NodeDetails,
  type NodeFile,
  type NodeSummary,
  type PoolDetails,
  type PoolStartTask,
  type PoolSummary,
  type SupportedImage,
  type TaskCounts,
  type TaskDetails,
  type TaskSummary,
} from "@batch-studio/shared";

type CloudPool = BatchServiceModels.CloudPool;
type ComputeNode = BatchServiceModels.ComputeNode;
type CloudJob = BatchServiceModels.CloudJob;
type CloudTask = BatchServiceModels.CloudTask;
type CloudJobSchedule = BatchServiceModels.CloudJobSchedule;
type ImageInformation = BatchServiceModels.ImageInformation;
type BatchNodeFile = BatchServiceModels.NodeFile;
type TaskCountsResult = BatchServiceModels.TaskCountsResult;

/*
 * Batch wire models → the portal's API shapes. Dates become ISO strings; absent stays absent
 * (never invented), so the UI can tell "unknown" from "zero".
 */

const iso = (d: Date | string | undefined): string | undefined =>
  d === undefined ? undefined : typeof d === "string" ? d : d.toISOString();

/** Drops undefined members so the JSON answer (and deep-equality in tests) has no `key: undefined`. */
const compact = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const imageLabel = (pool: CloudPool): string | undefined => {
  const ref = pool.virtualMachineConfiguration?.imageReference;
  if (!ref) return undefined;
  if (ref.virtualMachineImageId) return ref.virtualMachineImageId;
  return [ref.publisher, ref.offer, ref.sku].filter(Boolean).join("/") || undefined;
};

/** The fields the pool list asks Batch for ($select): everything toPoolSummary reads. */
export const POOL_SUMMARY_SELECT = [
  "id",
  "displayName",
  "vmSize",
  "state",
  "allocationState",
  "currentDedicatedNodes",
  "currentLowPriorityNodes",
  "targetDedicatedNodes",
  "targetLowPriorityNodes",
  "creationTime",
  "virtualMachineConfiguration",
  "resizeErrors",
].join(",");

export const toPoolSummary = (pool: CloudPool): PoolSummary =>
  compact({
    id: pool.id ?? "",
    displayName: pool.displayName,
    vmSize: pool.vmSize ?? "",
    state: pool.state ?? "active",
    allocationState: pool.allocationState ?? "steady",
    currentDedicatedNodes: pool.currentDedicatedNodes ?? 0,
    currentSpotNodes: pool.currentLowPriorityNodes ?? 0,
    targetDedicatedNodes: pool.targetDedicatedNodes ?? 0,
    targetSpotNodes: pool.targetLowPriorityNodes ?? 0,
    creationTime: iso(pool.creationTime),
    isContainerPool: pool.virtualMachineConfiguration?.containerConfiguration !== undefined,
    image: imageLabel(pool),
    resizeErrors: (pool.resizeErrors ?? []).map((e) => compact({ code: e.code ?? "Unknown", message: e.message })),
  });

/**
 * The start task for the edit dialog, through the same converter clone uses. No secrets: a
 * registry keeps its server and user name only (Batch never returns the password anyway).
 */
export const toPoolStartTask = (task: BatchServiceModels.StartTask): PoolStartTask => {
  const spec = fromStartTask(task);
  const container = spec.containerSettings;
  const registry = container?.registry;
  return compact({
    commandLine: spec.commandLine,
    elevated: spec.elevated,
    waitForSuccess: spec.waitForSuccess,
    maxRetries: spec.maxRetries,
    env: spec.env,
    containerSettings: container
      ? compact({
          imageName: container.imageName,
          runOptions: container.runOptions,
          workingDirectory: container.workingDirectory,
          registry: registry
            ? registry.auth.kind === "password"
              ? compact({ server: registry.server, username: registry.auth.username || undefined })
              : { server: registry.server, identityResourceId: registry.auth.identityResourceId }
            : undefined,
        })
      : undefined,
    resourceFileCount: task.resourceFiles?.length ?? 0,
    userName: task.userIdentity?.userName,
  });
};

export const toPoolDetails = (pool: CloudPool): PoolDetails => {
  const container = pool.virtualMachineConfiguration?.containerConfiguration;
  return compact({
    ...toPoolSummary(pool),
    nodeAgentSkuId: pool.virtualMachineConfiguration?.nodeAgentSKUId,
    prefetchImages: container?.containerImageNames ?? [],
    registries: (container?.containerRegistries ?? []).map((r) => compact({ server: r.registryServer ?? "docker.io", username: r.userName })),
    resizeTimeout: pool.resizeTimeout,
    taskSlotsPerNode: pool.taskSlotsPerNode,
    startTaskCommandLine: pool.startTask?.commandLine,
    startTask: pool.startTask ? toPoolStartTask(pool.startTask) : undefined,
    allocationStateTransitionTime: iso(pool.allocationStateTransitionTime),
    lastModified: iso(pool.lastModified),
    eTag: pool.eTag,
  });
};

export const toNodeSummary = (node: ComputeNode): NodeSummary =>
  compact({
    id: node.id ?? "",
    state: node.state ?? "unknown",
    schedulingState: node.schedulingState,
    ipAddress: node.ipAddress,
    vmSize: node.vmSize,
    isDedicated: node.isDedicated,
    stateTransitionTime: iso(node.stateTransitionTime),
    lastBootTime: iso(node.lastBootTime),
    allocationTime: iso(node.allocationTime),
    runningTasksCount: node.runningTasksCount,
    totalTasksRun: node.totalTasksRun,
    totalTasksSucceeded: node.totalTasksSucceeded,
    startTask: node.startTaskInfo
      ? compact({
          state: node.startTaskInfo.state,
          exitCode: node.startTaskInfo.exitCode,
          failureCode: node.startTaskInfo.failureInfo?.code,
          failureMessage: node.startTaskInfo.failureInfo?.message,
        })
      : undefined,
    errors: (node.errors ?? []).map((e) => compact({ code: e.code, message: e.message })),
  });

export const toNodeDetails = (node: ComputeNode): NodeDetails =>
  compact({
    ...toNodeSummary(node),
    recentTasks: (node.recentTasks ?? []).map((t) =>
      compact({ jobId: t.jobId, taskId: t.taskId, taskState: t.taskState, exitCode: t.executionInfo?.exitCode }),
    ),
    nodeAgentVersion: node.nodeAgentInfo?.version,
  });

export const toJobSummary = (job: CloudJob): JobSummary =>
  compact({
    id: job.id ?? "",
    displayName: job.displayName,
    state: job.state ?? "active",
    poolId: job.poolInfo?.poolId,
    priority: job.priority,
    onAllTasksComplete: job.onAllTasksComplete,
    onTaskFailure: job.onTaskFailure,
    usesTaskDependencies: job.usesTaskDependencies,
    creationTime: iso(job.creationTime),
    startTime: iso(job.executionInfo?.startTime),
    endTime: iso(job.executionInfo?.endTime),
    terminateReason: job.executionInfo?.terminateReason,
    hasPreparationTask: job.jobPreparationTask ? true : undefined,
    hasReleaseTask: job.jobReleaseTask ? true : undefined,
  });

type NodeTaskRunInfo = BatchServiceModels.JobPreparationTaskExecutionInformation | BatchServiceModels.JobReleaseTaskExecutionInformation;

const toFailure = (f: BatchServiceModels.TaskFailureInformation | undefined) =>
  f ? compact({ category: f.category, code: f.code, message: f.message }) : undefined;

const toNodeTaskRun = (run: NodeTaskRunInfo | undefined): JobNodeTaskRun | undefined =>
  run
    ? compact({
        state: run.state,
        startTime: iso(run.startTime),
        endTime: iso(run.endTime),
        exitCode: run.exitCode,
        result: run.result,
        retryCount: "retryCount" in run ? run.retryCount : undefined,
        failure: toFailure(run.failureInfo),
      })
    : undefined;

export const toJobNodeTaskStatus = (s: BatchServiceModels.JobPreparationAndReleaseTaskExecutionInformation): JobNodeTaskStatus =>
  compact({
    poolId: s.poolId,
    nodeId: s.nodeId ?? "",
    preparation: toNodeTaskRun(s.jobPreparationTaskExecutionInfo),
    release: toNodeTaskRun(s.jobReleaseTaskExecutionInfo),
  });

export const toJobScheduleSummary = (s: CloudJobSchedule): JobScheduleSummary =>
  compact({
    id: s.id ?? "",
    displayName: s.displayName,
    state: s.state ?? "active",
    poolId: s.jobSpecification?.poolInfo.poolId,
    schedule: fromSchedule(s.schedule),
    creationTime: iso(s.creationTime),
    nextRunTime: iso(s.executionInfo?.nextRunTime),
    recentJobId: s.executionInfo?.recentJob?.id,
  });

export const toTaskSummary = (task: CloudTask): TaskSummary =>
  compact({
    id: task.id ?? "",
    displayName: task.displayName,
    state: task.state ?? "active",
    commandLine: task.commandLine ?? "",
    imageName: task.containerSettings?.imageName,
    creationTime: iso(task.creationTime),
    stateTransitionTime: iso(task.stateTransitionTime),
    startTime: iso(task.executionInfo?.startTime),
    endTime: iso(task.executionInfo?.endTime),
    exitCode: task.executionInfo?.exitCode,
    result: task.executionInfo?.result,
    retryCount: task.executionInfo?.retryCount,
    nodeId: task.nodeInfo?.nodeId,
    poolId: task.nodeInfo?.poolId,
    failure: toFailure(task.executionInfo?.failureInfo),
  });

export const toTaskDetails = (task: CloudTask): TaskDetails =>
  compact({
    ...toTaskSummary(task),
    containerRunOptions: task.containerSettings?.containerRunOptions,
    workingDirectory: task.containerSettings?.workingDirectory,
    registryServer: task.containerSettings?.registry?.registryServer,
    env: (task.environmentSettings ?? []).map((e) => ({ name: e.name, value: e.value ?? "" })),
    maxWallClockTime: task.constraints?.maxWallClockTime,
    retentionTime: task.constraints?.retentionTime,
    maxTaskRetryCount: task.constraints?.maxTaskRetryCount,
    containerId: task.executionInfo?.containerInfo?.containerId,
    containerState: task.executionInfo?.containerInfo?.state,
    containerError: task.executionInfo?.containerInfo?.error,
  });

export const toNodeFile = (file: BatchNodeFile): NodeFile =>
  compact({
    name: file.name ?? "",
    isDirectory: file.isDirectory ?? false,
    size: file.properties?.contentLength,
    lastModified: iso(file.properties?.lastModified),
    creationTime: iso(file.properties?.creationTime),
    contentType: file.properties?.contentType,
  });

export const toSupportedImage = (image: ImageInformation): SupportedImage =>
  compact({
    publisher: image.imageReference.publisher ?? "",
    offer: image.imageReference.offer ?? "",
    sku: image.imageReference.sku ?? "",
    version: image.imageReference.version,
    nodeAgentSkuId: image.nodeAgentSKUId,
    osType: image.osType,
    capabilities: image.capabilities ?? [],
    batchSupportEndOfLife: iso(image.batchSupportEndOfLife),
    verificationType: image.verificationType,
    containerCapable: (image.capabilities ?? []).some((c) => c.toLowerCase() === "dockercompatible"),
  });

export const toTaskCounts = (r: TaskCountsResult): TaskCounts => ({
  tasks: { ...r.taskCounts },
  slots: { ...r.taskSlotCounts },
});
