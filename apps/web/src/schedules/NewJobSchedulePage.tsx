import { Button, Card, Field, Input, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { parseJobScheduleSpec, validateJobScheduleDraft, type JobScheduleSpecInput, type ValidationIssue } from "@batch-studio/shared";
import { useCallback } from "react";
import { useNavigate, useParams } from "../router";
import { useCreateJobSchedule } from "../api/schedules";
import { paths } from "../router/paths";
import { isApiError } from "../auth/apiError";
import { fieldState } from "../components/fieldState";
import { useNotify } from "../components/notify";
import { OtherIssues } from "../components/OtherIssues";
import { PageHeader } from "../components/PageHeader";
import { useSpecForm } from "../forms/useSpecForm";
import { JobSpecFields, jobFieldPaths } from "../jobs/JobSpecFields";
import { usePoolContext } from "../jobs/usePoolContext";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "760px", padding: tokens.spacingHorizontalXL },
  row: { display: "grid", gridTemplateColumns: "repeat(2, minmax(0, 1fr))", gap: tokens.spacingHorizontalM },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

type ScheduleField = "recurrenceInterval" | "startWindow" | "doNotRunUntil" | "doNotRunAfter";

const SCHEDULE_FIELDS: { name: ScheduleField; label: string; hint: string; placeholder: string }[] = [
  { name: "recurrenceInterval", label: "Repeat every", hint: "ISO-8601, e.g. PT1H or P1D. Empty: one job only.", placeholder: "P1D" },
  { name: "startWindow", label: "Start window", hint: "How late a due job may still be created; later ones are skipped.", placeholder: "PT1H" },
  { name: "doNotRunUntil", label: "Not before", hint: "Date and time, e.g. 2026-12-24T18:00:00Z. Empty: now.", placeholder: "2026-12-24T18:00:00Z" },
  { name: "doNotRunAfter", label: "Not after", hint: "No job is created after this time. Empty: never stops.", placeholder: "" },
];

/** Issues under the job specification, with paths relative to it (what the job fields show). */
const underJob = (issues: readonly ValidationIssue[]): ValidationIssue[] =>
  issues.flatMap((i) => (i.path[0] === "jobSpecification" ? [{ ...i, path: i.path.slice(1) }] : []));

/**
 * A job schedule: when jobs are created (now or later, once or repeatedly, within a window), and
 * the job each one is — the same job fields as a new job, judged by the same shared rules.
 */
export default function NewJobSchedulePage() {
  const styles = useStyles();
  const { account } = useParams() as { account: string };
  const notify = useNotify();
  const navigate = useNavigate();
  const poolContext = usePoolContext(account);
  const validate = useCallback((spec: JobScheduleSpecInput) => validateJobScheduleDraft(spec, poolContext(spec.jobSpecification.poolId)), [poolContext]);
  const form = useSpecForm<JobScheduleSpecInput>({ initial: { id: "", schedule: {}, jobSpecification: { poolId: "" } }, validate });
  const spec = form.value;
  const issues = form.shown;
  const create = useCreateJobSchedule(account);
  const setSchedule = (name: ScheduleField, text: string) =>
    form.update((s) => ({ ...s, schedule: { ...s.schedule, [name]: text.trim() || undefined } }), ["schedule", name]);

  const submit = () =>
    form.submit((value) => {
      const parsed = parseJobScheduleSpec(value);
      if (!parsed.ok) return;
      create.mutate(parsed.value, {
        onSuccess: (s) => {
          notify.success("Schedule created", s.id);
          navigate(paths.schedule(account, s.id));
        },
        onError: (e) => {
          if (isApiError(e) && e.problem.issues) form.reject(e.problem.issues);
          notify.error("Create schedule failed", e);
        },
      });
    });

  const shownAt = new Set(["id", ...SCHEDULE_FIELDS.map((f) => `schedule.${f.name}`), ...jobFieldPaths(spec.jobSpecification).map((p) => `jobSpecification.${p}`)]);
  return (
    <>
      <PageHeader title="New job schedule" />
      <Card className={styles.form}>
        <Field label="Schedule id" required {...fieldState(issues, "id")}>
          <Input value={spec.id} onChange={(_, d) => form.set(["id"], d.value)} />
        </Field>
        <Subtitle2 as="h2">When</Subtitle2>
        <div className={styles.row}>
          {SCHEDULE_FIELDS.map((f) => (
            <Field key={f.name} label={f.label} hint={f.hint} {...fieldState(issues, `schedule.${f.name}`)}>
              <Input value={spec.schedule?.[f.name] ?? ""} placeholder={f.placeholder} onChange={(_, d) => setSchedule(f.name, d.value)} />
            </Field>
          ))}
        </div>
        <Subtitle2 as="h2">The job it creates</Subtitle2>
        <JobSpecFields
          account={account}
          value={spec.jobSpecification}
          issues={underJob(issues)}
          update={(fn, touched) => form.update((s) => ({ ...s, jobSpecification: fn(s.jobSpecification) }), touched && ["jobSpecification", ...touched])}
        />
        <OtherIssues issues={issues} shownAt={shownAt} />
        <div className={styles.actions}>
          <Button appearance="primary" disabled={create.isPending || issues.some((i) => i.level === "error")} onClick={submit}>
            {create.isPending ? "Creating…" : "Create schedule"}
          </Button>
          <Button onClick={() => navigate(paths.schedules(account))}>Cancel</Button>
        </div>
      </Card>
    </>
  );
}
