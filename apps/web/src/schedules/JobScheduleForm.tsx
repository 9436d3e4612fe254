import { Button, Card, Field, Input, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import {
  exportJobScheduleAzCli,
  exportJobScheduleCSharp,
  exportJobSchedulePython,
  exportJobScheduleRestJson,
  parseJobScheduleSpec,
  validateJobScheduleDraft,
  type AzCliOptions,
  type JobScheduleSpec,
  type JobScheduleSpecInput, type ValidationContext, type ValidationIssue } from "@batch-studio/shared";
import { useMemo } from "react";
import { useNavigate } from "../router";
import { azOptions, useAccountInfo } from "../api/accountInfo";
import { ExportSection, exportTabs, type ExportTab } from "../components/ExportFiles";
import { callRoute } from "../api/callRoute";
import { useCreateJobSchedule, useUpdateJobSchedule } from "../api/schedules";
import { useApi } from "../auth/AuthContext";
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

const scheduleExports = (spec: JobScheduleSpec, az: AzCliOptions): ExportTab[] =>
  exportTabs("job-schedule", `${spec.id}.json`, {
    rest: exportJobScheduleRestJson(spec),
    az: exportJobScheduleAzCli(spec, az),
    python: exportJobSchedulePython(spec),
    csharp: exportJobScheduleCSharp(spec),
  });

export const NEW_SCHEDULE: JobScheduleSpecInput = { id: "", schedule: {}, jobSpecification: { poolId: "" } };

/**
 * A job schedule: when jobs are created (now or later, once or repeatedly, within a window), and
 * the job each one is — the same job fields as a new job, judged by the same shared rules here
 * and, debounced, by the BFF (which reads the pool). Editing changes the timing and the job of
 * jobs still to come (Batch's PATCH); the id stays.
 */
export function JobScheduleForm({ account, initial, editing }: { account: string; initial: JobScheduleSpecInput; editing?: boolean }) {
  const styles = useStyles();
  const api = useApi();
  const notify = useNotify();
  const navigate = useNavigate();
  const poolContext = usePoolContext(account);
  const accountInfo = useAccountInfo(account);
  const form = useSpecForm<JobScheduleSpecInput, ValidationContext>({
    initial,
    // The BFF's facts (the pool it read) once they are in; the pool list's before.
    validate: (spec, facts) => validateJobScheduleDraft(spec, facts ?? poolContext(spec.jobSpecification.poolId)),
    check: async (spec, signal) => {
      const parsed = parseJobScheduleSpec(spec);
      if (!parsed.ok) return { issues: [], facts: poolContext(spec.jobSpecification.poolId) };
      const answer = await callRoute(api, "validateJobSchedule", { account }, { body: parsed.value, signal });
      return { issues: answer.issues, facts: answer.facts };
    },
  });
  const spec = form.value;
  const issues = form.shown;
  const create = useCreateJobSchedule(account);
  const update = useUpdateJobSchedule(account, initial.id);
  const pending = create.isPending || update.isPending;
  const setSchedule = (name: ScheduleField, text: string) =>
    form.update((s) => ({ ...s, schedule: { ...s.schedule, [name]: text || undefined } }), ["schedule", name]);

  const submit = () =>
    form.submit((value) => {
      const parsed = parseJobScheduleSpec(value);
      if (!parsed.ok) return;
      const callbacks = {
        onSuccess: (s: { id: string }) => {
          notify.success(editing ? "Schedule saved" : "Schedule created", s.id);
          navigate(paths.schedule(account, s.id));
        },
        onError: (e: unknown) => {
          if (isApiError(e) && e.problem.issues) form.reject(e.problem.issues);
          notify.error(editing ? "Save schedule failed" : "Create schedule failed", e);
        },
      };
      const { schedule, jobSpecification, metadata } = parsed.value;
      if (editing) update.mutate({ schedule, jobSpecification, metadata }, callbacks);
      else create.mutate(parsed.value, callbacks);
    });

  const parsed = useMemo(() => parseJobScheduleSpec(spec), [spec]);
  const shownAt = new Set(["id", ...SCHEDULE_FIELDS.map((f) => `schedule.${f.name}`), ...jobFieldPaths(spec.jobSpecification).map((p) => `jobSpecification.${p}`)]);
  return (
    <>
      <PageHeader title={editing ? `Edit schedule ${initial.id}` : "New job schedule"} />
      <Card className={styles.form}>
        <Field label="Schedule id" required hint={editing ? "A schedule's id cannot change." : undefined} {...fieldState(issues, "id")}>
          <Input value={spec.id} readOnly={editing} onChange={(_, d) => form.set(["id"], d.value)} />
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
        <ExportSection what="schedule" tabs={parsed.ok ? scheduleExports(parsed.value, azOptions(accountInfo)) : undefined} />
        <div className={styles.actions}>
          <Button appearance="primary" disabled={pending || issues.some((i) => i.level === "error")} onClick={submit}>
            {editing ? (pending ? "Saving…" : "Save schedule") : pending ? "Creating…" : "Create schedule"}
          </Button>
          <Button onClick={() => navigate(editing ? paths.schedule(account, initial.id) : paths.schedules(account))}>Cancel</Button>
        </div>
      </Card>
    </>
  );
}
