/**
 * The entities as the wire shows them (what GET returns), plus the few bookkeeping fields the
 * emulator persists next to them. Fields the emulator never interprets ride along untyped.
 */
export type Json = Record<string, unknown>;

export interface NameValue {
  name: string;
  value: string;
}

export interface ContainerRegistryWire {
  username?: string;
  password?: string;
  registryServer?: string;
  identityReference?: { resourceId?: string };
}

export interface TaskContainerSettingsWire {
  imageName: string;
  containerRunOptions?: string;
  registry?: ContainerRegistryWire;
  workingDirectory?: "taskWorkingDirectory" | "containerImageDefault";
}

/** A file a task needs, downloaded into its working directory before the command runs. */
export interface ResourceFileWire {
  /** Exactly one of httpUrl, storageContainerUrl and autoStorageContainerName. */
  httpUrl?: string;
  /** A container URL, with a SAS granting read and list. */
  storageContainerUrl?: string;
  autoStorageContainerName?: string;
  /** Only the container's blobs whose names start with it. */
  blobPrefix?: string;
  /** Relative to the working directory: the file (httpUrl) or the folder (containers). */
  filePath?: string;
  /** Octal, e.g. "0644"; 0770 when absent (Linux). */
  fileMode?: string;
  identityReference?: { resourceId?: string };
}

export type OutputFileUploadCondition = "tasksuccess" | "taskfailure" | "taskcompletion";

/** Files a task leaves, uploaded to a blob container after its process exits. */
export interface OutputFileWire {
  filePattern: string;
  destination: {
    container: {
      /** With a SAS granting write. */
      containerUrl: string;
      path?: string;
      identityReference?: { resourceId?: string };
      uploadHeaders?: NameValue[];
    };
  };
  uploadOptions: { uploadCondition: OutputFileUploadCondition };
}

/** An ApplicationPackageReference: no version means the application's default version. */
export interface ApplicationPackageReferenceWire {
  applicationId: string;
  version?: string;
}

export interface StartTaskWire {
  commandLine: string;
  containerSettings?: TaskContainerSettingsWire;
  resourceFiles?: ResourceFileWire[];
  environmentSettings?: NameValue[];
  maxTaskRetryCount?: number;
  waitForSuccess?: boolean;
  [k: string]: unknown;
}

export interface ErrorWire {
  code: string;
  message: string;
  values?: NameValue[];
}

export interface PoolWire {
  id: string;
  url: string;
  eTag: string;
  lastModified: string;
  creationTime: string;
  state: "active" | "deleting";
  stateTransitionTime: string;
  allocationState: "steady" | "resizing" | "stopping";
  allocationStateTransitionTime: string;
  vmSize: string;
  virtualMachineConfiguration?: {
    imageReference: Json & { virtualMachineImageId?: string };
    nodeAgentSKUId: string;
    containerConfiguration?: {
      type: string;
      containerImageNames?: string[];
      containerRegistries?: ContainerRegistryWire[];
    };
    [k: string]: unknown;
  };
  resizeTimeout: string;
  resizeErrors?: ErrorWire[];
  currentDedicatedNodes: number;
  currentLowPriorityNodes: number;
  targetDedicatedNodes: number;
  targetLowPriorityNodes: number;
  startTask?: StartTaskWire;
  taskSlotsPerNode: number;
  applicationPackageReferences?: ApplicationPackageReferenceWire[];
  metadata?: NameValue[];
  [k: string]: unknown;
}

export type NodeState =
  | "idle"
  | "rebooting"
  | "reimaging"
  | "running"
  | "unusable"
  | "creating"
  | "starting"
  | "waitingforstarttask"
  | "starttaskfailed"
  | "unknown"
  | "leavingpool"
  | "offline"
  | "preempted";

export interface FailureInfoWire {
  category: "usererror" | "servererror";
  code: string;
  message: string;
  details?: NameValue[];
}

export interface StartTaskInfoWire {
  state: "running" | "completed";
  startTime: string;
  endTime?: string;
  exitCode?: number;
  failureInfo?: FailureInfoWire;
  retryCount: number;
  lastRetryTime?: string;
  result?: "success" | "failure";
  containerInfo?: Json;
}

export interface NodeWire {
  id: string;
  url: string;
  state: NodeState;
  schedulingState: "enabled" | "disabled";
  stateTransitionTime: string;
  lastBootTime?: string;
  allocationTime: string;
  ipAddress: string;
  affinityId: string;
  vmSize: string;
  totalTasksRun: number;
  runningTasksCount: number;
  runningTaskSlotsCount: number;
  totalTasksSucceeded: number;
  recentTasks?: Json[];
  startTask?: StartTaskWire;
  startTaskInfo?: StartTaskInfoWire;
  errors?: { code: string; message: string; errorDetails?: NameValue[] }[];
  isDedicated: boolean;
  [k: string]: unknown;
}

export type JobState =
  "active" | "disabling" | "disabled" | "enabling" | "terminating" | "completed" | "deleting";

export interface JobWire {
  id: string;
  url: string;
  eTag: string;
  lastModified: string;
  creationTime: string;
  state: JobState;
  stateTransitionTime: string;
  previousState?: JobState;
  previousStateTransitionTime?: string;
  priority: number;
  maxParallelTasks: number;
  allowTaskPreemption: boolean;
  constraints: { maxWallClockTime?: string; maxTaskRetryCount?: number };
  poolInfo: { poolId?: string; [k: string]: unknown };
  onAllTasksComplete: "noaction" | "terminatejob";
  onTaskFailure: "noaction" | "performexitoptionsjobaction";
  usesTaskDependencies: boolean;
  commonEnvironmentSettings?: NameValue[];
  jobManagerTask?: JobManagerTaskWire;
  jobPreparationTask?: JobPreparationTaskWire;
  jobReleaseTask?: JobReleaseTaskWire;
  executionInfo: {
    startTime: string;
    endTime?: string;
    poolId?: string;
    terminateReason?: string;
    schedulingError?: Json;
  };
  metadata?: NameValue[];
  [k: string]: unknown;
}

/** JobManagerTask as the job keeps it (defaults applied at add time). */
export interface JobManagerTaskWire {
  id: string;
  commandLine: string;
  containerSettings?: TaskContainerSettingsWire;
  applicationPackageReferences?: ApplicationPackageReferenceWire[];
  environmentSettings?: NameValue[];
  resourceFiles?: ResourceFileWire[];
  constraints: { maxWallClockTime: string; retentionTime: string; maxTaskRetryCount: number };
  requiredSlots: number;
  killJobOnCompletion: boolean;
  runExclusive: boolean;
  allowLowPriorityNode: boolean;
  [k: string]: unknown;
}

/** JobPreparationTask as the job keeps it (defaults applied at add time). */
export interface JobPreparationTaskWire {
  id: string;
  commandLine: string;
  containerSettings?: TaskContainerSettingsWire;
  environmentSettings?: NameValue[];
  resourceFiles?: ResourceFileWire[];
  constraints: { maxWallClockTime: string; retentionTime: string; maxTaskRetryCount: number };
  waitForSuccess: boolean;
  rerunOnNodeRebootAfterSuccess: boolean;
  [k: string]: unknown;
}

/** JobReleaseTask as the job keeps it (defaults applied at add time). */
export interface JobReleaseTaskWire {
  id: string;
  commandLine: string;
  containerSettings?: TaskContainerSettingsWire;
  environmentSettings?: NameValue[];
  resourceFiles?: ResourceFileWire[];
  maxWallClockTime: string;
  retentionTime: string;
  [k: string]: unknown;
}

/** JobPreparationTaskExecutionInformation / JobReleaseTaskExecutionInformation (release has no retries). */
export interface NodeJobTaskInfoWire {
  state: "running" | "completed";
  startTime: string;
  endTime?: string;
  taskRootDirectory: string;
  taskRootDirectoryUrl: string;
  exitCode?: number;
  containerInfo?: { containerId?: string; state?: string; error?: string };
  failureInfo?: FailureInfoWire;
  retryCount?: number;
  lastRetryTime?: string;
  result?: "success" | "failure";
}

/** One row of Job_ListPreparationAndReleaseTaskStatus, plus the boot it was prepared in. */
export interface PreparedNode {
  seq: number;
  poolId: string;
  nodeId: string;
  nodeUrl: string;
  /** The node's lastBootTime when the preparation last ran: a reboot since may call for a rerun. */
  bootTime?: string;
  jobPreparationTaskExecutionInfo?: NodeJobTaskInfoWire;
  jobReleaseTaskExecutionInfo?: NodeJobTaskInfoWire;
}

export type DependencyAction = "satisfy" | "block";
export type JobAction = "none" | "disable" | "terminate";

/** ExitOptions: what a task's end does to its job (onTaskFailure permitting) and to its dependents. */
export interface ExitOptionsWire {
  jobAction?: JobAction;
  dependencyAction?: DependencyAction;
  /** Set on the job manager task: what its job says about it (killJobOnCompletion, runExclusive, …). */
  jobManager?: Pick<JobManagerTaskWire, "killJobOnCompletion" | "runExclusive" | "allowLowPriorityNode">;
}

export interface ExitConditionsWire {
  exitCodes?: { code: number; exitOptions: ExitOptionsWire }[];
  exitCodeRanges?: { start: number; end: number; exitOptions: ExitOptionsWire }[];
  preProcessingError?: ExitOptionsWire;
  fileUploadError?: ExitOptionsWire;
  default?: ExitOptionsWire;
}

export interface TaskDependenciesWire {
  taskIds?: string[];
  taskIdRanges?: { start: number; end: number }[];
}

export type TaskState = "active" | "preparing" | "running" | "completed";

export interface TaskExecutionInfoWire {
  startTime?: string;
  endTime?: string;
  exitCode?: number;
  containerInfo?: { containerId?: string; state?: string; error?: string };
  failureInfo?: FailureInfoWire;
  retryCount: number;
  lastRetryTime?: string;
  requeueCount: number;
  lastRequeueTime?: string;
  result?: "success" | "failure";
}

export interface TaskWire {
  id: string;
  url: string;
  eTag: string;
  lastModified: string;
  creationTime: string;
  state: TaskState;
  stateTransitionTime: string;
  previousState?: TaskState;
  previousStateTransitionTime?: string;
  commandLine: string;
  containerSettings?: TaskContainerSettingsWire;
  resourceFiles?: ResourceFileWire[];
  outputFiles?: OutputFileWire[];
  applicationPackageReferences?: ApplicationPackageReferenceWire[];
  environmentSettings?: NameValue[];
  constraints: { maxWallClockTime: string; retentionTime: string; maxTaskRetryCount: number };
  requiredSlots: number;
  exitConditions?: ExitConditionsWire;
  dependsOn?: TaskDependenciesWire;
  executionInfo: TaskExecutionInfoWire;
  nodeInfo?: {
    affinityId?: string;
    nodeUrl: string;
    poolId: string;
    nodeId: string;
    taskRootDirectory: string;
    taskRootDirectoryUrl: string;
  };
  [k: string]: unknown;
}

/** What the store keeps per entity: the creation sequence (list order, $skiptoken) and the wire body. */
export interface PoolRecord {
  seq: number;
  wire: PoolWire;
  /** Why allocation must fail (Specialized or unreplicated gallery image), decided at add time. */
  allocationBlocker?: ErrorWire;
}

export interface NodeRecord {
  seq: number;
  poolKey: string;
  wire: NodeWire;
  /** The AZ_BATCH_APP_PACKAGE_* variables of the pool's packages installed at the node's last boot. */
  packageEnv?: Record<string, string>;
}

export interface JobRecord {
  seq: number;
  wire: JobWire;
  /** While terminating: the terminateReason it completes with (kept so a restart can finish it). */
  pendingTerminateReason?: string;
  /** Nodes that ran (or run) the job preparation task, keyed "<poolKey>/<nodeId>", in first-run order. */
  preparedNodes?: Record<string, PreparedNode>;
  /** Key of the job schedule that created this job (jobs carry no such field on the wire). */
  scheduleKey?: string;
}

export interface TaskRecord {
  seq: number;
  jobKey: string;
  wire: TaskWire;
  /** Set by a retry: the next start is a retry's start (lastRetryTime). */
  retryPending?: boolean;
  /** Decided when the task completes (its exit options): may tasks that depend on it run? */
  dependencyAction?: DependencyAction;
  /** Set on the job manager task: what its job says about it (killJobOnCompletion, runExclusive, …). */
  jobManager?: Pick<JobManagerTaskWire, "killJobOnCompletion" | "runExclusive" | "allowLowPriorityNode">;
}

export type JobScheduleState = "active" | "disabled" | "terminating" | "completed" | "deleting";

/** Schedule as the wire shows it: absolute times in ISO 8601, intervals as ISO 8601 durations. */
export interface ScheduleWire {
  doNotRunUntil?: string;
  doNotRunAfter?: string;
  startWindow?: string;
  recurrenceInterval?: string;
}

export interface JobScheduleWire {
  id: string;
  displayName?: string;
  url: string;
  eTag: string;
  lastModified: string;
  creationTime: string;
  state: JobScheduleState;
  stateTransitionTime: string;
  previousState?: JobScheduleState;
  previousStateTransitionTime?: string;
  schedule: ScheduleWire;
  /** A JobSpecification: the job fields every job of the schedule is created with. */
  jobSpecification: Partial<JobWire>;
  executionInfo: { nextRunTime?: string; recentJob?: { id: string; url: string }; endTime?: string };
  metadata?: NameValue[];
}

export interface JobScheduleRecord {
  seq: number;
  wire: JobScheduleWire;
  /** Jobs created so far; the next one is `{id}:job-{jobCount + 1}`. */
  jobCount: number;
}
