import { z } from "zod";
import { readBackSpec } from "./read-back-spec";
import { JobConstraintsSpec, JobSpec, TaskSpec } from "../task-spec";

export const JobSummary = z.object({
  id: z.string(),
  displayName: z.string().optional(),
  /** Batch JobState: active | disabling | disabled | enabling | terminating | completed | deleting. */
  state: z.string(),
  poolId: z.string().optional(),
  priority: z.number().optional(),
  onAllTasksComplete: z.string().optional(),
  /** Batch OnTaskFailure: noaction | performexitoptionsjobaction (a task's exit conditions may act on the job). */
  onTaskFailure: z.string().optional(),
  /** Tasks of the job may depend on others. */
  usesTaskDependencies: z.boolean().optional(),
  creationTime: z.string().optional(),
  startTime: z.string().optional(),
  endTime: z.string().optional(),
  terminateReason: z.string().optional(),
  /** The job runs a preparation task on each node before its tasks there (and a release task when it ends). */
  hasPreparationTask: z.boolean().optional(),
  hasReleaseTask: z.boolean().optional(),
});
export type JobSummary = z.infer<typeof JobSummary>;

/**
 * What Batch lets change on a job once it exists (REST "Job - Patch"): its priority, how many tasks
 * run at once, its constraints, what happens when all tasks complete, its metadata, and its pool
 * while the job is disabled. `eTag` is the version the edit started from: the BFF sends it as
 * If-Match, so an edit made over someone else's answers 412 instead of undoing theirs.
 */
export const JobPatch = z
  .object({
    priority: JobSpec.shape.priority.unwrap().optional(),
    maxParallelTasks: JobSpec.shape.maxParallelTasks.unwrap().optional(),
    constraints: JobConstraintsSpec.optional(),
    onAllTasksComplete: JobSpec.shape.onAllTasksComplete.unwrap().optional(),
    metadata: JobSpec.shape.metadata.unwrap().optional(),
    poolId: JobSpec.shape.poolId.optional(),
    eTag: z.string().min(1, "eTag is required").max(200),
  })
  .refine((p) => Object.keys(p).some((k) => k !== "eTag"), { message: "give at least one field to change" });
export type JobPatch = z.infer<typeof JobPatch>;
export type JobPatchInput = z.input<typeof JobPatch>;

/** A job as the spec it would be created from (to edit or clone it), and the version read. SAS signatures removed. */
export const JobSpecResponse = z.object({ spec: readBackSpec(JobSpec, "JobSpec"), eTag: z.string().optional(), state: z.string() });
export type JobSpecResponse = z.infer<typeof JobSpecResponse>;

export const TaskCountsBlock = z.object({
  active: z.number(),
  running: z.number(),
  completed: z.number(),
  succeeded: z.number(),
  failed: z.number(),
});

export const TaskCounts = z.object({ tasks: TaskCountsBlock, slots: TaskCountsBlock });
export type TaskCounts = z.infer<typeof TaskCounts>;

export const TerminateRequest = z.object({ reason: z.string().max(200).optional() });
export type TerminateRequest = z.infer<typeof TerminateRequest>;

/**
 * What Job_Disable does with the job's running tasks (Batch REST "Job - Disable", DisableJobOption):
 * requeue terminates them and queues them again, to run when the job is enabled; terminate
 * terminates them and they do not run again; wait lets them finish. No new task starts meanwhile.
 */
export const DisableJobTasks = z.enum(["requeue", "terminate", "wait"], {
  error: "disableTasks must be requeue, terminate or wait",
});
export type DisableJobTasks = z.infer<typeof DisableJobTasks>;

export const DisableJobRequest = z.object({ disableTasks: DisableJobTasks });
export type DisableJobRequest = z.infer<typeof DisableJobRequest>;

export const TaskState = z.enum(["active", "preparing", "running", "completed"]);
export type TaskState = z.infer<typeof TaskState>;

const intParam = (what: string) =>
  z.coerce.number({ error: `${what} must be a whole number` }).int(`${what} must be a whole number`);

/** GET .../tasks query: filters run server-side in Batch ($filter); `cursor` pages on. */
export const TaskListQuery = z
  .object({
    state: TaskState.optional(),
    exitCode: intParam("exitCode").optional(),
    exitCodeMin: intParam("exitCodeMin").optional(),
    exitCodeMax: intParam("exitCodeMax").optional(),
    cursor: z.string().optional(),
    pageSize: intParam("pageSize").min(1, "pageSize must be 1-1000").max(1000, "pageSize must be 1-1000").default(100),
  })
  .refine((q) => q.exitCode === undefined || (q.exitCodeMin === undefined && q.exitCodeMax === undefined), {
    message: "give exitCode or an exitCodeMin/exitCodeMax range, not both",
    path: ["exitCode"],
  })
  .refine((q) => q.exitCodeMin === undefined || q.exitCodeMax === undefined || q.exitCodeMin <= q.exitCodeMax, {
    message: "exitCodeMin must not be greater than exitCodeMax",
    path: ["exitCodeMin"],
  });
export type TaskListQuery = z.input<typeof TaskListQuery>;

export const TaskFailure = z.object({
  category: z.string().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});

export const TaskSummary = z.object({
  id: z.string(),
  displayName: z.string().optional(),
  state: z.string(),
  commandLine: z.string(),
  imageName: z.string().optional(),
  creationTime: z.string().optional(),
  stateTransitionTime: z.string().optional(),
  startTime: z.string().optional(),
  endTime: z.string().optional(),
  exitCode: z.number().optional(),
  /** Batch TaskExecutionResult: success | failure. */
  result: z.string().optional(),
  retryCount: z.number().optional(),
  nodeId: z.string().optional(),
  poolId: z.string().optional(),
  failure: TaskFailure.optional(),
});
export type TaskSummary = z.infer<typeof TaskSummary>;

export const TaskDetails = TaskSummary.extend({
  containerRunOptions: z.string().optional(),
  workingDirectory: z.string().optional(),
  registryServer: z.string().optional(),
  env: z.array(z.object({ name: z.string(), value: z.string() })),
  maxWallClockTime: z.string().optional(),
  retentionTime: z.string().optional(),
  maxTaskRetryCount: z.number().optional(),
  containerId: z.string().optional(),
  containerState: z.string().optional(),
  containerError: z.string().optional(),
});
export type TaskDetails = z.infer<typeof TaskDetails>;

/** One run of a job preparation or release task on one node (Batch's *TaskExecutionInformation). */
export const JobNodeTaskRun = z.object({
  /** running | completed. */
  state: z.string(),
  startTime: z.string().optional(),
  endTime: z.string().optional(),
  exitCode: z.number().optional(),
  /** Batch TaskExecutionResult: success | failure. */
  result: z.string().optional(),
  retryCount: z.number().optional(),
  failure: TaskFailure.optional(),
});
export type JobNodeTaskRun = z.infer<typeof JobNodeTaskRun>;

/** Per node: how the job's preparation task, and once the job ended its release task, ran there. */
export const JobNodeTaskStatus = z.object({
  poolId: z.string().optional(),
  nodeId: z.string(),
  preparation: JobNodeTaskRun.optional(),
  release: JobNodeTaskRun.optional(),
});
export type JobNodeTaskStatus = z.infer<typeof JobNodeTaskStatus>;

/** A task as a spec, to add it again (with a fix): what Batch holds, registry passwords blank. */
export const TaskSpecResponse = z.object({ spec: readBackSpec(TaskSpec, "TaskSpec") });
export type TaskSpecResponse = z.infer<typeof TaskSpecResponse>;

/** Up to 100 tasks in one request, as Batch's task collection takes them (a sweep sends several). */
export const AddTasksRequest = z.object({
  tasks: z.array(TaskSpec).min(1, "give at least one task").max(100, "Batch adds at most 100 tasks per request"),
});
export type AddTasksRequest = z.input<typeof AddTasksRequest>;

/** Each task's outcome, in request order: Batch may add some and refuse others. */
export const AddTaskResult = z.object({
  id: z.string(),
  status: z.enum(["success", "clientError", "serverError"]),
  error: z.object({ code: z.string().optional(), message: z.string().optional() }).optional(),
});
export type AddTaskResult = z.infer<typeof AddTaskResult>;
export const AddTasksResponse = z.object({ results: z.array(AddTaskResult) });
export type AddTasksResponse = z.infer<typeof AddTasksResponse>;
