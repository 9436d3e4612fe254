import { z } from "zod";
import { ApplicationPackageReferenceSpec } from "./application-package-spec";
import { ExitConditionsSpec } from "./exit-conditions-spec";
import { batchId } from "./ids";
import { RegistrySpec } from "./registry-spec";
import { OutputFileSpec, ResourceFileSpec } from "./task-data-spec";

export const EnvironmentVariable = z.object({
  name: z.string().min(1, "variable name is required"),
  value: z.string().default(""),
});
export type EnvironmentVariable = z.infer<typeof EnvironmentVariable>;

/**
 * Where the container starts: the task's own working directory (Batch's default, mapped into the
 * container) or the image's WORKDIR.
 */
export const ContainerWorkingDirectory = z.enum(["taskWorkingDirectory", "containerImageDefault"]);

export const ContainerSettingsSpec = z.object({
  imageName: z.string().min(1, "container image is required"),
  /** Extra `docker create` arguments, e.g. "--rm --workdir /app". */
  runOptions: z.string().default(""),
  registry: RegistrySpec.optional(),
  workingDirectory: ContainerWorkingDirectory.default("taskWorkingDirectory"),
});
export type ContainerSettingsSpec = z.infer<typeof ContainerSettingsSpec>;

export const TaskConstraintsSpec = z.object({
  /** ISO-8601 duration; absent = unlimited. */
  maxWallClockTime: z.string().optional(),
  /** ISO-8601 duration; Batch's default is 7 days. */
  retentionTime: z.string().optional(),
  /** -1 = retry forever. */
  maxTaskRetryCount: z.number().int().min(-1).default(0),
});
export type TaskConstraintsSpec = z.infer<typeof TaskConstraintsSpec>;

/**
 * Tasks this one waits for (Batch REST TaskDependencies): ids, and ranges of numeric ids
 * ("1"…"100" for start 1, end 100). The job must use task dependencies.
 */
export const TaskDependenciesSpec = z.object({
  taskIds: z.array(batchId("Task")).default([]),
  taskIdRanges: z
    .array(
      z
        .object({ start: z.number().int().min(0, "a range starts at 0 or more"), end: z.number().int().min(0, "a range ends at 0 or more") })
        .refine((r) => r.end >= r.start, { message: "a range's end must not be below its start", path: ["end"] }),
    )
    .default([]),
});
export type TaskDependenciesSpec = z.infer<typeof TaskDependenciesSpec>;

export const TaskSpec = z.object({
  id: batchId("Task"),
  displayName: z.string().max(1024).optional(),
  /** Empty means "run the image ENTRYPOINT" (container tasks only). Not run through a shell. */
  commandLine: z.string().default(""),
  containerSettings: ContainerSettingsSpec.optional(),
  env: z.array(EnvironmentVariable).default([]),
  constraints: TaskConstraintsSpec.default({ maxTaskRetryCount: 0 }),
  elevated: z.boolean().default(false),
  requiredSlots: z.number().int().min(1).default(1),
  resourceFiles: z.array(ResourceFileSpec).optional(),
  outputFiles: z.array(OutputFileSpec).optional(),
  applicationPackages: z.array(ApplicationPackageReferenceSpec).optional(),
  dependsOn: TaskDependenciesSpec.optional(),
  /** What the task's ending does to its job and to the tasks that depend on it. */
  exitConditions: ExitConditionsSpec.optional(),
});
export type TaskSpec = z.infer<typeof TaskSpec>;
export type TaskSpecInput = z.input<typeof TaskSpec>;

/** What every job-level task shares: a command, where it runs, its environment and input files. */
const jobTaskParts = {
  commandLine: z.string().min(1, "command line is required"),
  containerSettings: ContainerSettingsSpec.optional(),
  env: z.array(EnvironmentVariable).default([]),
  resourceFiles: z.array(ResourceFileSpec).optional(),
  elevated: z.boolean().default(false),
};

/** Runs first; on a container pool it needs container settings (Batch REST JobManagerTask). */
export const JobManagerTaskSpec = z.object({
  id: batchId("Job manager task"),
  displayName: z.string().max(1024).optional(),
  ...jobTaskParts,
  outputFiles: z.array(OutputFileSpec).optional(),
  applicationPackages: z.array(ApplicationPackageReferenceSpec).optional(),
  constraints: TaskConstraintsSpec.optional(),
  requiredSlots: z.number().int().min(1).default(1),
  /** The job completes when the manager does (Batch's default). */
  killJobOnCompletion: z.boolean().default(true),
  runExclusive: z.boolean().default(true),
});
export type JobManagerTaskSpec = z.infer<typeof JobManagerTaskSpec>;

/** Once per node before the job's first task there; may run on the host of a container pool. */
export const JobPreparationTaskSpec = z.object({
  id: batchId("Job preparation task").optional(),
  ...jobTaskParts,
  constraints: TaskConstraintsSpec.optional(),
  waitForSuccess: z.boolean().default(true),
  rerunOnNodeRebootAfterSuccess: z.boolean().default(true),
});
export type JobPreparationTaskSpec = z.infer<typeof JobPreparationTaskSpec>;

/** When the job ends, on every node that ran its preparation task; needs a preparation task. */
export const JobReleaseTaskSpec = z.object({
  id: batchId("Job release task").optional(),
  ...jobTaskParts,
  /** ISO-8601; Batch caps it at 15 minutes. */
  maxWallClockTime: z.string().optional(),
  retentionTime: z.string().optional(),
});
export type JobReleaseTaskSpec = z.infer<typeof JobReleaseTaskSpec>;

/** Limits of the whole job (Batch REST JobConstraints). */
export const JobConstraintsSpec = z.object({
  /** ISO-8601; past it Batch terminates the job (MaxWallClockTimeExpiry). Absent = unlimited. */
  maxWallClockTime: z.string().optional(),
  /** Retries of each task of the job unless the task says otherwise; -1 = retry forever. */
  maxTaskRetryCount: z.number().int().min(-1, "retries are -1 (forever) or more").optional(),
});
export type JobConstraintsSpec = z.infer<typeof JobConstraintsSpec>;

export const NameValue = z.object({ name: z.string().min(1, "name is required"), value: z.string() });

export const JobSpec = z.object({
  id: batchId("Job"),
  displayName: z.string().max(1024).optional(),
  poolId: batchId("Pool"),
  priority: z.number().int().min(-1000).max(1000).default(0),
  maxParallelTasks: z.number().int().min(-1).default(-1),
  onAllTasksComplete: z.enum(["noaction", "terminatejob"]).default("noaction"),
  /** What a task's failure does to the job: nothing, or the task's exit conditions' job action. */
  onTaskFailure: z.enum(["noaction", "performexitoptionsjobaction"]).default("noaction"),
  constraints: JobConstraintsSpec.optional(),
  /** Tasks of the job may depend on others (dependsOn); Batch refuses dependencies otherwise. */
  usesTaskDependencies: z.boolean().default(false),
  env: z.array(EnvironmentVariable).default([]),
  metadata: z.array(NameValue).default([]),
  jobManagerTask: JobManagerTaskSpec.optional(),
  jobPreparationTask: JobPreparationTaskSpec.optional(),
  jobReleaseTask: JobReleaseTaskSpec.optional(),
});
export type JobSpec = z.infer<typeof JobSpec>;
export type JobSpecInput = z.input<typeof JobSpec>;
