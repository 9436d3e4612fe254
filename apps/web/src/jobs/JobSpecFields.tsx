import { Caption1, Field, Input, Subtitle2, Switch } from "@fluentui/react-components";
import type { JobSpecificationInput, ValidationIssue } from "@batch-studio/shared";
import { usePool } from "../api/pools";
import { EnvVarsEditor } from "../components/EnvVarsEditor";
import { fieldState } from "../components/fieldState";
import type { Path } from "../forms/paths";
import { OutputFilesEditor, outputFilePaths } from "../tasks/OutputFilesEditor";
import { ResourceFilesEditor, resourceFilePaths } from "../tasks/ResourceFilesEditor";
import { JobTaskFields } from "./JobTaskFields";
import { ChoiceDropdown } from "../components/ChoiceDropdown";
import { ApplicationPackagesEditor, applicationPackagePaths } from "../components/ApplicationPackagesEditor";
import { JOB_SETTING_PATHS, JobSettingsFields } from "./JobSettingsFields";
import { PoolDropdown } from "./PoolDropdown";

type JobTaskKey = "jobManagerTask" | "jobPreparationTask" | "jobReleaseTask";

/** What switching one of the job's own tasks on starts from. */
const NEW_TASKS = {
  jobManagerTask: { id: "jobmanager", commandLine: "" },
  jobPreparationTask: { commandLine: "" },
  jobReleaseTask: { commandLine: "" },
} as const satisfies Required<Pick<JobSpecificationInput, JobTaskKey>>;

const ON_TASK_FAILURE = { noaction: "Nothing: the job goes on", performexitoptionsjobaction: "What the task's exit conditions say" } as const;

/** The dotted paths these fields show issues at (the caller shows the rest in one list). */
export const jobFieldPaths = (value: JobSpecificationInput): string[] => [
  "poolId",
  ...JOB_SETTING_PATHS,
  ...(["jobManagerTask", "jobPreparationTask", "jobReleaseTask"] as const).flatMap((k) => ["commandLine", "containerSettings", "id", "maxWallClockTime"].map((f) => `${k}.${f}`)),
  ...(["jobManagerTask", "jobPreparationTask", "jobReleaseTask"] as const).flatMap((k) => resourceFilePaths([k], value[k]?.resourceFiles)),
  ...applicationPackagePaths(["jobManagerTask"], value.jobManagerTask?.applicationPackages),
  ...outputFilePaths(["jobManagerTask"], value.jobManagerTask?.outputFiles),
];

/**
 * The job's fields: its pool, priority, parallelism and completion, and the job's own tasks — a
 * job manager that runs first (in a container on a container pool), a preparation task on each
 * node before the job's first task there, and a release task when the job ends, on every node that
 * ran the preparation. `issues` and `update` are relative to the job specification, so the same
 * fields serve a new job and a schedule's job.
 */
export function JobSpecFields({
  account,
  value,
  issues,
  update,
}: {
  account: string;
  value: JobSpecificationInput;
  issues: ValidationIssue[];
  update(fn: (v: JobSpecificationInput) => JobSpecificationInput, touched?: Path<JobSpecificationInput>): void;
}) {
  const pool = usePool(account, value.poolId || undefined);
  const prefetch = pool.data?.prefetchImages ?? [];
  const containerPool = pool.data?.isContainerPool === true;

  /** Changes one of the job's own tasks (when it is on); `touched` is the field the control edits. */
  const setTask = <K extends JobTaskKey>(key: K, patch: Partial<NonNullable<JobSpecificationInput[K]>>, touched: Path<JobSpecificationInput>) =>
    update((s) => (s[key] ? { ...s, [key]: { ...s[key], ...patch } } : s), touched);
  const toggle = (key: JobTaskKey, on: boolean) =>
    update((s) => {
      const next: JobSpecificationInput = { ...s, [key]: on ? NEW_TASKS[key] : undefined };
      // A release task needs a preparation task: switching that off takes the release with it.
      if (key === "jobPreparationTask" && !on) next.jobReleaseTask = undefined;
      return next;
    });
  const onHost = "Empty: it runs on the node itself, outside any container.";
  /** A job task's input files, downloaded before its command runs. */
  const inputsOf = (key: JobTaskKey, label: string) => (
    <ResourceFilesEditor
      at={[key]}
      name={`${label} input`}
      value={value[key]?.resourceFiles ?? []}
      issues={issues}
      onChange={(resourceFiles, touched) => update((s) => (s[key] ? { ...s, [key]: { ...s[key], resourceFiles } } : s), touched && [key, "resourceFiles", touched.row, touched.field])}
    />
  );

  return (
    <>
        <Field label="Pool" required {...fieldState(issues, "poolId")}>
          <PoolDropdown account={account} value={value.poolId} onPick={(poolId) => update((s) => ({ ...s, poolId }), ["poolId"])} />
        </Field>
        <JobSettingsFields
          value={value}
          issues={issues}
          update={(fn, touched) => update((s) => ({ ...s, ...fn(s) }), touched)}
          extra={
            <Field label="When a task fails">
              <ChoiceDropdown choices={ON_TASK_FAILURE} value={value.onTaskFailure ?? "noaction"} onPick={(v) => update((s) => ({ ...s, onTaskFailure: v }), ["onTaskFailure"])} />
            </Field>
          }
        />
        <Switch
          label="Tasks may wait for other tasks (task dependencies)"
          checked={value.usesTaskDependencies ?? false}
          onChange={(_, d) => update((s) => ({ ...s, usesTaskDependencies: d.checked }), ["usesTaskDependencies"])}
        />

        <Subtitle2 as="h2">Job manager task</Subtitle2>
        <Switch label="Run a job manager task first" checked={!!value.jobManagerTask} onChange={(_, d) => toggle("jobManagerTask", d.checked)} />
        {value.jobManagerTask && (
          <>
            <Field label="Job manager task id" required {...fieldState(issues, "jobManagerTask.id")}>
              <Input value={value.jobManagerTask.id} onChange={(_, d) => setTask("jobManagerTask", { id: d.value }, ["jobManagerTask", "id"])} />
            </Field>
            <JobTaskFields
              label="Job manager"
              at="jobManagerTask"
              value={value.jobManagerTask}
              issues={issues}
              prefetch={prefetch}
              imageHint={containerPool ? "Required: on a container pool the job manager runs in a container." : "The pool has no container configuration: leave it empty."}
              onChange={(patch, field) => setTask("jobManagerTask", patch, ["jobManagerTask", field])}
            />
            {inputsOf("jobManagerTask", "Job manager")}
            <Switch
              label="End the job when the job manager completes"
              checked={value.jobManagerTask.killJobOnCompletion ?? true}
              onChange={(_, d) => setTask("jobManagerTask", { killJobOnCompletion: d.checked }, ["jobManagerTask", "killJobOnCompletion"])}
            />
            <Switch
              label="Run alone on its node (no other task beside it)"
              checked={value.jobManagerTask.runExclusive ?? true}
              onChange={(_, d) => setTask("jobManagerTask", { runExclusive: d.checked }, ["jobManagerTask", "runExclusive"])}
            />
            <Subtitle2 as="h3">Job manager application packages</Subtitle2>
            <ApplicationPackagesEditor
              account={account}
              at={["jobManagerTask", "applicationPackages"]}
              value={value.jobManagerTask.applicationPackages ?? []}
              issues={issues}
              onChange={(applicationPackages, touched) =>
                update((s) => (s.jobManagerTask ? { ...s, jobManagerTask: { ...s.jobManagerTask, applicationPackages } } : s), touched && ["jobManagerTask", "applicationPackages", touched.row, touched.field])
              }
            />
            <Subtitle2 as="h3">Job manager output files</Subtitle2>
            <OutputFilesEditor
              at={["jobManagerTask"]}
              value={value.jobManagerTask.outputFiles ?? []}
              issues={issues}
              onChange={(outputFiles, touched) =>
                update((s) => (s.jobManagerTask ? { ...s, jobManagerTask: { ...s.jobManagerTask, outputFiles } } : s), touched && ["jobManagerTask", "outputFiles", touched.row, touched.field])
              }
            />
          </>
        )}

        <Subtitle2 as="h2">Preparation and release</Subtitle2>
        <Caption1>
          The preparation task runs on each node before the job&apos;s first task there; the release task when the job ends, on every node that ran the
          preparation. On a container pool either may run on the node itself.
        </Caption1>
        <Switch label="Prepare each node" checked={!!value.jobPreparationTask} onChange={(_, d) => toggle("jobPreparationTask", d.checked)} />
        {value.jobPreparationTask && (
          <>
            <JobTaskFields
              label="Preparation"
              at="jobPreparationTask"
              value={value.jobPreparationTask}
              issues={issues}
              prefetch={prefetch}
              imageHint={onHost}
              onChange={(patch, field) => setTask("jobPreparationTask", patch, ["jobPreparationTask", field])}
            />
            {inputsOf("jobPreparationTask", "Preparation")}
            <Switch
              label="Tasks wait until the preparation succeeds"
              checked={value.jobPreparationTask.waitForSuccess ?? true}
              onChange={(_, d) => setTask("jobPreparationTask", { waitForSuccess: d.checked }, ["jobPreparationTask", "waitForSuccess"])}
            />
            <Switch
              label="Prepare again after a node reboots"
              checked={value.jobPreparationTask.rerunOnNodeRebootAfterSuccess ?? true}
              onChange={(_, d) => setTask("jobPreparationTask", { rerunOnNodeRebootAfterSuccess: d.checked }, ["jobPreparationTask", "rerunOnNodeRebootAfterSuccess"])}
            />
            <Switch label="Release each node when the job ends" checked={!!value.jobReleaseTask} onChange={(_, d) => toggle("jobReleaseTask", d.checked)} />
          </>
        )}
        {value.jobReleaseTask && (
          <>
            <JobTaskFields
              label="Release"
              at="jobReleaseTask"
              value={value.jobReleaseTask}
              issues={issues}
              prefetch={prefetch}
              imageHint={onHost}
              onChange={(patch, field) => setTask("jobReleaseTask", patch, ["jobReleaseTask", field])}
            />
            {inputsOf("jobReleaseTask", "Release")}
            <Field label="Release time limit" hint="ISO-8601, at most PT15M (Batch's limit and default)." {...fieldState(issues, "jobReleaseTask.maxWallClockTime")}>
              <Input value={value.jobReleaseTask.maxWallClockTime ?? ""} placeholder="PT15M" onChange={(_, d) => setTask("jobReleaseTask", { maxWallClockTime: d.value || undefined }, ["jobReleaseTask", "maxWallClockTime"])} />
            </Field>
          </>
        )}

        <Subtitle2 as="h2">Environment variables</Subtitle2>
        <EnvVarsEditor label="Job environment variables" value={value.env ?? []} onChange={(env) => update((s) => ({ ...s, env }), ["env"])} />

        <Subtitle2 as="h2">Metadata</Subtitle2>
        <Caption1>Name/value pairs Batch keeps with the job for your own tools; Batch itself does not read them.</Caption1>
        <EnvVarsEditor label="Job metadata" noun="entry" namePlaceholder="name" value={value.metadata ?? []} onChange={(rows) => update((s) => ({ ...s, metadata: rows.map((r) => ({ name: r.name, value: r.value ?? "" })) }), ["metadata"])} />
    </>
  );
}
