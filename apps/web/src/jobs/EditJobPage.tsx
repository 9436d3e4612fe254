import { Button, Card, Field, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { JobPatch, parseJobSpec, validateJob, type JobPatchInput, type JobSpecInput, type JobSpecResponse, type ValidationIssue } from "@batch-studio/shared";
import { useCallback, useState } from "react";
import { useNavigate, useParams } from "../router";
import { useJobSpec, useUpdateJob } from "../api/jobWrites";
import { isApiError } from "../auth/apiError";
import { EnvVarsEditor } from "../components/EnvVarsEditor";
import { ErrorState } from "../components/ErrorState";
import { fieldState } from "../components/fieldState";
import { useNotify } from "../components/notify";
import { OtherIssues } from "../components/OtherIssues";
import { PageHeader } from "../components/PageHeader";
import { TableSkeleton } from "../components/Skeletons";
import { useSpecForm } from "../forms/useSpecForm";
import { paths } from "../router/paths";
import { JOB_SETTING_PATHS, JobSettingsFields } from "./JobSettingsFields";
import { PoolDropdown } from "./PoolDropdown";
import { usePoolContext } from "./usePoolContext";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "760px", padding: tokens.spacingHorizontalXL },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

/** The editable part of a job, as the form holds it: Job - Patch's fields and the version they were read at. */
const patchOf = ({ spec, eTag }: JobSpecResponse): JobPatchInput => ({
  priority: spec.priority,
  maxParallelTasks: spec.maxParallelTasks,
  onAllTasksComplete: spec.onAllTasksComplete,
  constraints: spec.constraints ?? {},
  metadata: spec.metadata,
  poolId: spec.poolId,
  eTag: eTag ?? "*",
});

/**
 * What Batch lets change on a job that exists: priority, how many tasks run at once, its limits,
 * what happens when all tasks complete, its metadata, and its pool while the job is disabled. The
 * rest (its own tasks, environment, dependencies) is fixed once the job is created. The edit is
 * sent with the version it started from, so it never silently undoes someone else's change.
 */
export default function EditJobPage() {
  const { account, job } = useParams() as { account: string; job: string };
  const current = useJobSpec(account, job);
  if (current.isPending) return <TableSkeleton label="Loading the job" />;
  if (current.isError) return <ErrorState what={`job ${job}`} error={current.error} onRetry={() => current.refetch()} />;
  // A new version read (after "Reload") starts the form again from it.
  return <EditJobForm key={current.data.eTag} account={account} current={current.data} reload={() => void current.refetch()} />;
}

function EditJobForm({ account, current, reload }: { account: string; current: JobSpecResponse; reload(): void }) {
  const styles = useStyles();
  const notify = useNotify();
  const navigate = useNavigate();
  const job = current.spec.id;
  const form = useSpecForm<JobPatchInput>({ initial: () => patchOf(current), validate: usePatchRules(account, current.spec) });
  const update = useUpdateJob(account, job);
  const [changedMeanwhile, setChangedMeanwhile] = useState(false);
  const value = form.value;
  const issues = form.shown;
  const disabled = current.state === "disabled";

  const submit = () =>
    form.submit((patch) => {
      const parsed = JobPatch.safeParse({ ...patch, poolId: patch.poolId === current.spec.poolId ? undefined : patch.poolId });
      if (!parsed.success) return;
      update.mutate(parsed.data, {
        onSuccess: () => {
          notify.success("Job saved", job);
          navigate(paths.job(account, job));
        },
        onError: (e) => {
          if (isApiError(e) && e.problem.status === 412) return setChangedMeanwhile(true);
          if (isApiError(e) && e.problem.issues) form.reject(e.problem.issues);
          notify.error("Save job failed", e);
        },
      });
    });

  return (
    <>
      <PageHeader title={`Edit job ${job}`} />
      <Card className={styles.form}>
        {changedMeanwhile && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Someone else changed this job</MessageBarTitle>
              Your change was not saved, so theirs is not lost. Reload to see the job as it is now, then make your change again.
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={reload}>Reload</Button>
            </MessageBarActions>
          </MessageBar>
        )}
        <Field
          label="Pool"
          hint={disabled ? "The job's tasks that have not started run on the pool chosen here." : "A job moves to another pool only while it is disabled (Disable on the job page)."}
          {...fieldState(issues, "poolId")}
        >
          <PoolDropdown account={account} disabled={!disabled} value={value.poolId} onPick={(poolId) => form.set(["poolId"], poolId)} />
        </Field>
        <JobSettingsFields value={value} issues={issues} update={(fn, touched) => form.update((s) => ({ ...s, ...fn(s) }), touched)} />
        <Subtitle2 as="h2">Metadata</Subtitle2>
        <EnvVarsEditor
          label="Job metadata"
          noun="entry"
          namePlaceholder="name"
          value={value.metadata ?? []}
          onChange={(rows) => form.update((s) => ({ ...s, metadata: rows.map((r) => ({ name: r.name, value: r.value ?? "" })) }), ["metadata"])}
        />
        <OtherIssues issues={issues} shownAt={new Set(["poolId", ...JOB_SETTING_PATHS, "eTag"])} />
        <div className={styles.actions}>
          <Button appearance="primary" disabled={update.isPending || changedMeanwhile || issues.some((i) => i.level === "error")} onClick={submit}>
            {update.isPending ? "Saving…" : "Save job"}
          </Button>
          <Button onClick={() => navigate(paths.job(account, job))}>Cancel</Button>
        </div>
      </Card>
    </>
  );
}

/** The patch's own grammar, then the shared job rules on the job it would make (with the chosen pool's facts). */
function usePatchRules(account: string, spec: JobSpecInput) {
  const poolContext = usePoolContext(account);
  return useCallback(
    (patch: JobPatchInput): ValidationIssue[] => {
      const { eTag: _read, ...fields } = patch;
      const whole = parseJobSpec({ ...spec, ...fields, poolId: fields.poolId ?? spec.poolId });
      return whole.ok ? validateJob(whole.value, poolContext(whole.value.poolId)) : whole.issues;
    },
    [poolContext, spec],
  );
}
