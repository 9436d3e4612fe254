import { Button, Card, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { parseJobSpec, validateJob, type JobSpecInput } from "@batch-studio/shared";
import { useCallback } from "react";
import { useNavigate, useParams, useSearchParams } from "../router";
import { useCreateJob } from "../api/jobWrites";
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
  const styles = useStyles();
  const { account } = useParams() as { account: string };
  const [search] = useSearchParams();
  const notify = useNotify();
  const navigate = useNavigate();
  const form = useSpecForm<JobSpecInput>({ initial: { id: "", poolId: search.get("pool") ?? "" }, validate: useJobRules(account) });
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

  return (
    <>
      <PageHeader title="New job" />
      <Card className={styles.form}>
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
