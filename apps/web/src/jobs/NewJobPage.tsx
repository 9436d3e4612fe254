import { Button, Caption1, Card, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { exportJobAzCli, exportJobCSharp, exportJobPython, exportJobRestJson, parseJobSpec, validateJob, type JobSpec, type JobSpecInput } from "@batch-studio/shared";
import { useCallback, useMemo } from "react";
import { useNavigate, useParams, useSearchParams } from "../router";
import { azOptions, useAccountInfo } from "../api/accountInfo";
import { useCreateJob, useJobSpec } from "../api/jobWrites";
import { ErrorState } from "../components/ErrorState";
import { ExportSection, exportTabs, type ExportTab } from "../components/ExportFiles";
import { TableSkeleton } from "../components/Skeletons";
import { paths } from "../router/paths";
import { isApiError } from "../auth/apiError";
import { fieldState } from "../components/fieldState";
import { useNotify } from "../components/notify";
import { OtherIssues } from "../components/OtherIssues";
import { PageHeader } from "../components/PageHeader";
import { useSpecForm } from "../forms/useSpecForm";
import { JobSpecFields, jobFieldPaths } from "./JobSpecFields";
import { usePoolContext } from "./usePoolContext";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "760px", padding: tokens.spacingHorizontalXL },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

/**
 * A job on a pool, with the job's own tasks: a job manager that runs first (in a container on a
 * container pool), a preparation task that runs on each node before the job's first task there,
 * and a release task when the job ends, on each node that ran the preparation. The shared rules
 * judge it with the chosen pool's facts, and the BFF checks the same before Batch sees it.
 */
export default function NewJobPage() {
  const { account } = useParams() as { account: string };
  const [search] = useSearchParams();
  const from = search.get("from") ?? undefined;
  const source = useJobSpec(account, from);
  if (!from) return <NewJobForm account={account} initial={{ id: "", poolId: search.get("pool") ?? "" }} />;
  if (source.isPending) return <TableSkeleton label={`Loading job ${from}`} />;
  if (source.isError) return <ErrorState what={`job ${from}`} error={source.error} onRetry={() => source.refetch()} />;
  const { spec, dropped } = withoutBlankLogins(source.data.spec);
  return <NewJobForm account={account} initial={{ ...spec, id: `${from}-copy` }} cloneOf={from} droppedLogins={dropped} />;
}

type WithLogin = { containerSettings?: { registry?: { server: string; auth: { kind: string; password?: string } } } };

/** The task without a registry login whose password Batch left blank, and the server it was for. */
const dropBlankLogin = <T extends WithLogin>(task: T | undefined): [T | undefined, string?] => {
  const registry = task?.containerSettings?.registry;
  if (!task?.containerSettings || registry?.auth.kind !== "password" || registry.auth.password) return [task];
  return [{ ...task, containerSettings: { ...task.containerSettings, registry: undefined } }, registry.server];
};

/**
 * Batch never returns registry passwords, and the job form has no registry login of its own (a job
 * task pulls with the pool's registry credentials), so a copied job task's login is left out and
 * the page says which.
 */
function withoutBlankLogins(spec: JobSpecInput): { spec: JobSpecInput; dropped: string[] } {
  const [jobManagerTask, manager] = dropBlankLogin(spec.jobManagerTask);
  const [jobPreparationTask, preparation] = dropBlankLogin(spec.jobPreparationTask);
  const [jobReleaseTask, release] = dropBlankLogin(spec.jobReleaseTask);
  const dropped = Object.entries({ "job manager": manager, preparation, release }).flatMap(([task, server]) => (server ? [`${task} (${server})`] : []));
  return { spec: { ...spec, jobManagerTask, jobPreparationTask, jobReleaseTask }, dropped };
}

/** The exports of the job as it stands: what an operator scripts the same job with. */
const jobExports = (spec: JobSpec, account: { name: string; resourceGroup: string } | undefined): ExportTab[] =>
  exportTabs("job", `${spec.id}.json`, {
    rest: exportJobRestJson(spec),
    az: exportJobAzCli(spec, azOptions(account)),
    python: exportJobPython(spec),
    csharp: exportJobCSharp(spec),
  });

function NewJobForm({ account, initial, cloneOf, droppedLogins = [] }: { account: string; initial: JobSpecInput; cloneOf?: string; droppedLogins?: string[] }) {
  const styles = useStyles();
  const notify = useNotify();
  const navigate = useNavigate();
  const accountInfo = useAccountInfo(account);
  const form = useSpecForm<JobSpecInput>({ initial, validate: useJobRules(account) });
  const spec = form.value;
  const issues = form.shown;
  const create = useCreateJob(account);

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

  const shownAt = new Set(["id", "displayName", ...jobFieldPaths(spec)]);
  const parsed = useMemo(() => parseJobSpec(spec), [spec]);

  return (
    <>
      <PageHeader title={cloneOf ? `New job from ${cloneOf}` : "New job"} />
      <Card className={styles.form}>
        {droppedLogins.length > 0 && (
          <Caption1 role="note">
            Not copied: the registry login of the {droppedLogins.join(", ")} task. Batch never gives passwords back; the task pulls with the pool&apos;s registry credentials.
          </Caption1>
        )}
        <Field label="Job id" required {...fieldState(issues, "id")}>
          <Input value={spec.id} onChange={(_, d) => form.set(["id"], d.value)} />
        </Field>
        <Field label="Display name" {...fieldState(issues, "displayName")}>
          <Input value={spec.displayName ?? ""} onChange={(_, d) => form.update((s) => ({ ...s, displayName: d.value || undefined }), ["displayName"])} />
        </Field>
        <JobSpecFields account={account} value={spec} issues={issues} update={(fn, touched) => form.update((s) => ({ ...s, ...fn(s) }), touched)} />
        <OtherIssues issues={issues} shownAt={shownAt} />
        <div className={styles.actions}>
          <Button appearance="primary" disabled={create.isPending || issues.some((i) => i.level === "error")} onClick={submit}>
            {create.isPending ? "Creating…" : "Create job"}
          </Button>
          <Button onClick={() => navigate(paths.jobs(account))}>Cancel</Button>
        </div>
        <ExportSection what="job" tabs={parsed.ok ? jobExports(parsed.value, accountInfo) : undefined} />
      </Card>
    </>
  );
}

/** The shared job rules, judged with the chosen pool's facts once the pool list is read. */
function useJobRules(account: string) {
  const poolContext = usePoolContext(account);
  return useCallback(
    (job: JobSpecInput) => {
      const parsed = parseJobSpec(job);
      return parsed.ok ? validateJob(parsed.value, poolContext(parsed.value.poolId)) : parsed.issues;
    },
    [poolContext],
  );
}
