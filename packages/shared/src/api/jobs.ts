import { z } from "zod";

export const JobSummary = z.object({
  id: z.string(),
  displayName: z.string().optional(),
  /** Batch JobState: active | disabling | disabled | enabling | terminating | completed | deleting. */
  state: z.string(),
  poolId: z.string().optional(),
  priority: z.number().optional(),
  onAllTasksComplete: z.string().optional(),
  creationTime: z.string().optional(),
  startTime: z.string().optional(),
  endTime: z.string().optional(),
  terminateReason: z.string().optional(),
});
export type JobSummary = z.infer<typeof JobSummary>;

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
