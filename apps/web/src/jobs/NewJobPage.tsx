import { Button, Card, Caption1, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Subtitle2, Switch, makeStyles, tokens } from "@fluentui/react-components";
import { parseJobSpec, validateJob, type JobSpecInput, type ValidationContext } from "@batch-studio/shared";
import { useCallback, useMemo } from "react";
import { useNavigate, useParams, useSearchParams } from "../router";
import { useCreateJob, usePool, usePools } from "../api/hooks";
import { paths } from "../router/paths";
import { isApiError } from "../auth/apiError";
import { EnvVarsEditor } from "../components/EnvVarsEditor";
import { fieldState } from "../components/fieldState";
import { useNotify } from "../components/notify";
import { PageHeader } from "../components/PageHeader";
import { useSpecForm } from "../forms/useSpecForm";
import type { Path } from "../forms/paths";
import { OutputFilesEditor } from "../tasks/OutputFilesEditor";
import { JobTaskFields } from "./JobTaskFields";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "760px", padding: tokens.spacingHorizontalXL },
  row: { display: "grid", gridTemplateColumns: "repeat(3, minmax(0, 1fr))", gap: tokens.spacingHorizontalM },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
  // Fluent's Dropdown keeps a 250px minimum, wider than a third of the form.
  fill: { minWidth: 0, width: "100%" },
});

type JobTaskKey = "jobManagerTask" | "jobPreparationTask" | "jobReleaseTask";

/** What switching one of the job's own tasks on starts from. */
const NEW_TASKS = {
  jobManagerTask: { id: "jobmanager", commandLine: "" },
  jobPreparationTask: { commandLine: "" },
  jobReleaseTask: { commandLine: "" },
} as const satisfies Required<Pick<JobSpecInput, JobTaskKey>>;

const ON_ALL_COMPLETE = { noaction: "Nothing: the job stays active", terminatejob: "Terminate the job" } as const;
const isOnAllComplete = (v: string | undefined): v is keyof typeof ON_ALL_COMPLETE => v !== undefined && v in ON_ALL_COMPLETE;

/** "12" → 12; "" or not a whole number → undefined (the field then shows the schema's default). */
const wholeNumber = (text: string): number | undefined => (/^-?\d+$/.test(text.trim()) ? Number(text) : undefined);

/**
 * A job on a pool, with the job's own tasks: a job manager that runs first (in a container on a
 * container pool), a preparation task that runs on each node before the job's first task there,
 * and a release task when the job ends, on each node that ran the preparation. The shared rules
 * judge it with the chosen pool's facts, and the BFF checks the same before Batch sees it.
 */
export default function NewJobPage() {
  const styles = useStyles();
  const { account } = useParams() as { account: string };
  const [search] = useSearchParams();
  const notify = useNotify();
  const navigate = useNavigate();
  const pools = usePools(account);
  const form = useSpecForm<JobSpecInput>({ initial: { id: "", poolId: search.get("pool") ?? "" }, validate: useJobRules(account) });
  const spec = form.value;
  const issues = form.shown;
  const pool = usePool(account, spec.poolId || undefined);
  const prefetch = pool.data?.prefetchImages ?? [];
  const containerPool = pool.data?.isContainerPool === true;
  const create = useCreateJob(account);

  /** Changes one of the job's own tasks (when it is on); `touched` is the field the control edits. */
  const setTask = <K extends JobTaskKey>(key: K, patch: Partial<NonNullable<JobSpecInput[K]>>, touched: Path<JobSpecInput>) =>
    form.update((s) => (s[key] ? { ...s, [key]: { ...s[key], ...patch } } : s), touched);
  const toggle = (key: JobTaskKey, on: boolean) =>
    form.update((s) => {
      const next: JobSpecInput = { ...s, [key]: on ? NEW_TASKS[key] : undefined };
      // A release task needs a preparation task: switching that off takes the release with it.
      if (key === "jobPreparationTask" && !on) next.jobReleaseTask = undefined;
      return next;
    });

  const submit = () =>
    form.submit((value) => {
      const parsed = parseJobSpec(value);
      if (!parsed.ok) return;
      create.mutate(parsed.value, {
        onSuccess: (job) => {
          notify.success("Job created", job.id);
          navigate(paths.job(account, job.id));
        },
        onError: (e) => {
          if (isApiError(e) && e.problem.issues) form.reject(e.problem.issues);
          notify.error("Create job failed", e);
        },
      });
    });

  const onHost = "Empty: it runs on the node itself, outside any container.";
  const shownAt = new Set(["id", "poolId", "priority", "maxParallelTasks"]);
  for (const key of ["jobManagerTask", "jobPreparationTask", "jobReleaseTask"])
    for (const f of ["commandLine", "containerSettings", "id", "maxWallClockTime"]) shownAt.add(`${key}.${f}`);
  (spec.jobManagerTask?.outputFiles ?? []).forEach((_, i) =>
    ["filePattern", "destination.containerName", "destination.containerUrl", "destination.path"].forEach((f) => shownAt.add(`jobManagerTask.outputFiles.${i}.${f}`)),
  );
  const leftovers = issues.filter((i) => !shownAt.has(i.path.join(".")));

  return (
    <>
      <PageHeader title="New job" />
      <Card className={styles.form}>
        <Field label="Job id" required {...fieldState(issues, "id")}>
          <Input value={spec.id} onChange={(_, d) => form.set(["id"], d.value)} />
        </Field>
        <Field label="Pool" required {...fieldState(issues, "poolId")}>
          <Dropdown
            placeholder="Choose a pool"
            value={spec.poolId}
            selectedOptions={spec.poolId ? [spec.poolId] : []}
            onOptionSelect={(_, d) => form.set(["poolId"], d.optionValue ?? "")}
          >
            {(pools.data?.items ?? []).map((p) => (
              <Option key={p.id} value={p.id}>
                {p.id}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <div className={styles.row}>
          <Field label="Priority" hint="-1000 to 1000; higher runs first." {...fieldState(issues, "priority")}>
            <Input type="number" value={String(spec.priority ?? 0)} onChange={(_, d) => form.set(["priority"], wholeNumber(d.value) ?? 0)} />
          </Field>
          <Field label="Tasks at once" hint="-1 for no limit." {...fieldState(issues, "maxParallelTasks")}>
            <Input type="number" value={String(spec.maxParallelTasks ?? -1)} onChange={(_, d) => form.set(["maxParallelTasks"], wholeNumber(d.value) ?? -1)} />
          </Field>
          <Field label="When all tasks complete">
            <Dropdown
              className={styles.fill}
              value={ON_ALL_COMPLETE[spec.onAllTasksComplete ?? "noaction"]}
              selectedOptions={[spec.onAllTasksComplete ?? "noaction"]}
              onOptionSelect={(_, d) => isOnAllComplete(d.optionValue) && form.set(["onAllTasksComplete"], d.optionValue)}
            >
              {Object.entries(ON_ALL_COMPLETE).map(([k, label]) => (
                <Option key={k} value={k}>
                  {label}
                </Option>
              ))}
            </Dropdown>
          </Field>
        </div>

        <Subtitle2 as="h2">Job manager task</Subtitle2>
        <Switch label="Run a job manager task first" checked={!!spec.jobManagerTask} onChange={(_, d) => toggle("jobManagerTask", d.checked)} />
        {spec.jobManagerTask && (
          <>
            <Field label="Job manager task id" required {...fieldState(issues, "jobManagerTask.id")}>
              <Input value={spec.jobManagerTask.id} onChange={(_, d) => setTask("jobManagerTask", { id: d.value }, ["jobManagerTask", "id"])} />
            </Field>
            <JobTaskFields
              label="Job manager"
              at="jobManagerTask"
              value={spec.jobManagerTask}
              issues={issues}
              prefetch={prefetch}
              imageHint={containerPool ? "Required: on a container pool the job manager runs in a container." : "The pool has no container configuration: leave it empty."}
              onChange={(patch, field) => setTask("jobManagerTask", patch, ["jobManagerTask", field])}
            />
            <Switch
              label="End the job when the job manager completes"
              checked={spec.jobManagerTask.killJobOnCompletion ?? true}
              onChange={(_, d) => setTask("jobManagerTask", { killJobOnCompletion: d.checked }, ["jobManagerTask", "killJobOnCompletion"])}
            />
            <Switch
              label="Run alone on its node (no other task beside it)"
              checked={spec.jobManagerTask.runExclusive ?? true}
              onChange={(_, d) => setTask("jobManagerTask", { runExclusive: d.checked }, ["jobManagerTask", "runExclusive"])}
            />
            <Subtitle2 as="h3">Job manager output files</Subtitle2>
            <OutputFilesEditor
              at={["jobManagerTask"]}
              value={spec.jobManagerTask.outputFiles ?? []}
              issues={issues}
              onChange={(outputFiles, touched) =>
                form.update((s) => (s.jobManagerTask ? { ...s, jobManagerTask: { ...s.jobManagerTask, outputFiles } } : s), touched && ["jobManagerTask", "outputFiles", touched.row, touched.field])
              }
            />
          </>
        )}

        <Subtitle2 as="h2">Preparation and release</Subtitle2>
        <Caption1>
          The preparation task runs on each node before the job&apos;s first task there; the release task when the job ends, on every node that ran the
          preparation. On a container pool either may run on the node itself.
        </Caption1>
        <Switch label="Prepare each node" checked={!!spec.jobPreparationTask} onChange={(_, d) => toggle("jobPreparationTask", d.checked)} />
        {spec.jobPreparationTask && (
          <>
            <JobTaskFields
              label="Preparation"
              at="jobPreparationTask"
              value={spec.jobPreparationTask}
              issues={issues}
              prefetch={prefetch}
              imageHint={onHost}
              onChange={(patch, field) => setTask("jobPreparationTask", patch, ["jobPreparationTask", field])}
            />
            <Switch
              label="Tasks wait until the preparation succeeds"
              checked={spec.jobPreparationTask.waitForSuccess ?? true}
              onChange={(_, d) => setTask("jobPreparationTask", { waitForSuccess: d.checked }, ["jobPreparationTask", "waitForSuccess"])}
            />
            <Switch
              label="Prepare again after a node reboots"
              checked={spec.jobPreparationTask.rerunOnNodeRebootAfterSuccess ?? true}
              onChange={(_, d) => setTask("jobPreparationTask", { rerunOnNodeRebootAfterSuccess: d.checked }, ["jobPreparationTask", "rerunOnNodeRebootAfterSuccess"])}
            />
            <Switch label="Release each node when the job ends" checked={!!spec.jobReleaseTask} onChange={(_, d) => toggle("jobReleaseTask", d.checked)} />
          </>
        )}
        {spec.jobReleaseTask && (
          <>
            <JobTaskFields
              label="Release"
              at="jobReleaseTask"
              value={spec.jobReleaseTask}
              issues={issues}
              prefetch={prefetch}
              imageHint={onHost}
              onChange={(patch, field) => setTask("jobReleaseTask", patch, ["jobReleaseTask", field])}
            />
            <Field label="Release time limit" hint="ISO-8601, at most PT15M (Batch's limit and default)." {...fieldState(issues, "jobReleaseTask.maxWallClockTime")}>
              <Input value={spec.jobReleaseTask.maxWallClockTime ?? ""} placeholder="PT15M" onChange={(_, d) => setTask("jobReleaseTask", { maxWallClockTime: d.value || undefined }, ["jobReleaseTask", "maxWallClockTime"])} />
            </Field>
          </>
        )}

        <Subtitle2 as="h2">Environment variables</Subtitle2>
        <EnvVarsEditor label="Job environment variables" value={spec.env ?? []} onChange={(env) => form.set(["env"], env)} />
        {leftovers.map((i, k) => (
          <MessageBar key={k} intent={i.level === "error" ? "error" : i.level === "warning" ? "warning" : "info"}>
            <MessageBarBody>{i.message}</MessageBarBody>
          </MessageBar>
        ))}
        <div className={styles.actions}>
          <Button appearance="primary" disabled={create.isPending || issues.some((i) => i.level === "error")} onClick={submit}>
            {create.isPending ? "Creating…" : "Create job"}
          </Button>
          <Button onClick={() => navigate(paths.jobs(account))}>Cancel</Button>
        </div>
      </Card>
    </>
  );
}

/** The shared job rules, judged with the chosen pool's facts once they are read. */
function useJobRules(account: string) {
  // The pool is read by id inside the rules' context; a form value change picks the new pool.
  const pools = usePools(account);
  const byId = useMemo(() => new Map((pools.data?.items ?? []).map((p) => [p.id, p])), [pools.data]);
  return useCallback(
    (job: JobSpecInput) => {
      const parsed = parseJobSpec(job);
      if (!parsed.ok) return parsed.issues;
      const p = byId.get(parsed.value.poolId);
      const context: ValidationContext = p ? { pool: { poolId: p.id, isContainerPool: p.isContainerPool, prefetchImages: [], registryServers: [] } } : {};
      return validateJob(parsed.value, context);
    },
    [byId],
  );
}
