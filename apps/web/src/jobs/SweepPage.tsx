import { Button, Card, Caption1, Combobox, Field, Input, MessageBar, MessageBarBody, Option, ProgressBar, Subtitle2, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import {
  csvSweepChunks,
  csvSweepIssues,
  csvSweepTask,
  parseCsvTable,
  sweepChunks,
  sweepIssues,
  sweepTask,
  validateTask,
  type TaskSpec,
  type TaskSpecInput,
  type ValidationIssue,
} from "@batch-studio/shared";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ChoiceDropdown } from "../components/ChoiceDropdown";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate, useParams } from "../router";
import { useJob } from "../api/jobs";
import { usePool } from "../api/pools";
import { callRoute } from "../api/callRoute";
import { jobKeys } from "../api/keys";
import { useApi } from "../auth/AuthContext";
import { errorMessage } from "../auth/apiError";
import { fieldState } from "../components/fieldState";
import { OtherIssues } from "../components/OtherIssues";
import { PageHeader } from "../components/PageHeader";
import { useSpecForm } from "../forms/useSpecForm";
import { paths } from "../router/paths";
import { poolFactOf, usePoolContext } from "./usePoolContext";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "760px", padding: tokens.spacingHorizontalXL },
  row: { display: "grid", gridTemplateColumns: "repeat(2, minmax(0, 1fr))", gap: tokens.spacingHorizontalM },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
  failures: { maxHeight: "240px", overflowY: "auto", margin: 0, paddingLeft: tokens.spacingHorizontalL },
  preview: { borderCollapse: "collapse", "& th, & td": { textAlign: "start", padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` } },
});

/** Where the tasks' values come from: each i of a range, or each row of a pasted CSV. */
const SOURCES = { range: "A range of numbers {i}", csv: "The rows of a CSV {column}" } as const;
type Source = keyof typeof SOURCES;
/** Rows the preview shows, and rows to fix listed before "and N more". */
const PREVIEW_ROWS = 5;
const LISTED_ROW_ISSUES = 50;

interface SweepDraft {
  template: TaskSpecInput;
  source: Source;
  range: { from: number; to: number };
  /** With a header row naming the columns. */
  csv: string;
}

const INITIAL: SweepDraft = {
  template: { id: "task-{i:4}", commandLine: "/bin/sh -c 'echo item {i}'" },
  source: "range",
  range: { from: 1, to: 100 },
  csv: "",
};

/** A CSV sweep's issue about one of its rows (["csv", row]), listed under the CSV with its row number. */
const isRowIssue = (i: ValidationIssue) => i.path[0] === "csv" && i.path.length === 2;

/** The draft's tasks a request at a time, whichever its source; a refused one is named by its i or its row. */
function* draftChunks(d: SweepDraft): Generator<{ tasks: TaskSpec[]; refused: { label: string; issues: ValidationIssue[] }[] }> {
  if (d.source === "csv")
    for (const c of csvSweepChunks(d.template, parseCsvTable(d.csv))) yield { tasks: c.tasks, refused: c.refused.map((r) => ({ label: `row ${r.row}`, issues: r.issues })) };
  else for (const c of sweepChunks(d.template, d.range)) yield { tasks: c.tasks, refused: c.refused.map((r) => ({ label: `{i} = ${r.i}`, issues: r.issues })) };
}

type Run = { added: number; total: number; failures: { id: string; message: string }[]; cancelled?: boolean; finished: boolean };

/** "12" → 12; anything else → NaN, which the range's rules name. */
const whole = (text: string) => (/^-?\d+$/.test(text.trim()) ? Number(text) : Number.NaN);

/**
 * A parametric sweep: a template task whose texts say {i}, added once for each i of a range
 * through Batch's task collection, 100 tasks a request, with progress, every refused task listed,
 * and a cancel between requests. The shared rules judge the template with the job's pool.
 */
export default function SweepPage() {
  const styles = useStyles();
  const { account, job } = useParams() as { account: string; job: string };
  const navigate = useNavigate();
  const api = useApi();
  const client = useQueryClient();
  const jobInfo = useJob(account, job);
  const pool = usePool(account, jobInfo.data?.poolId);
  const poolContext = usePoolContext(account);
  const prefetch = pool.data?.prefetchImages ?? [];
  const validate = useCallback(
    (d: SweepDraft): ValidationIssue[] => {
      const table = d.source === "csv" ? parseCsvTable(d.csv) : undefined;
      const issues = table ? csvSweepIssues(d.template, table) : sweepIssues(d.template, d.range);
      const firstRow = table?.rows[0];
      const first = table ? (firstRow ? csvSweepTask(d.template, firstRow.values, 1) : undefined) : sweepTask(d.template, d.range.from);
      if (!first) return issues;
      // The pool's details (prefetched images, registries, OS) once they are in; the pool list's before.
      const context = pool.data ? { pool: poolFactOf(pool.data) } : poolContext(jobInfo.data?.poolId ?? "");
      const rules = first.ok ? validateTask(first.value, context).map((i) => ({ ...i, path: ["template", ...i.path] })) : [];
      return [...issues, ...rules.filter((r) => !issues.some((i) => i.path.join(".") === r.path.join(".")))];
    },
    [poolContext, jobInfo.data?.poolId, pool.data],
  );
  const form = useSpecForm<SweepDraft>({ initial: INITIAL, validate });
  const d = form.value;
  const issues = form.shown;
  const [run, setRun] = useState<Run>();
  const abort = useRef<AbortController>(undefined);
  useEffect(() => () => abort.current?.abort(), []);
  const table = useMemo(() => (d.source === "csv" ? parseCsvTable(d.csv) : undefined), [d.source, d.csv]);
  const rangeCount = Number.isInteger(d.range.from) && Number.isInteger(d.range.to) && d.range.to >= d.range.from ? d.range.to - d.range.from + 1 : 0;
  const count = table ? table.rows.length : rangeCount;
  const preview = (table?.rows ?? []).slice(0, PREVIEW_ROWS).map((r, k) => ({ row: r.row, task: csvSweepTask(d.template, r.values, k + 1) }));
  const rowIssues = issues.filter(isRowIssue);
  const idOf = (i: number) => {
    const t = sweepTask(d.template, i);
    return t.ok ? t.value.id : "—";
  };
  const setTemplate = (patch: Partial<TaskSpecInput>, field: "id" | "commandLine" | "containerSettings") =>
    form.update((s) => ({ ...s, template: { ...s.template, ...patch } }), ["template", field]);
  /** An empty image runs the tasks on the node itself (a pool without container configuration). */
  const setImage = (imageName: string) => setTemplate({ containerSettings: imageName ? { runOptions: "--rm", ...d.template.containerSettings, imageName } : undefined }, "containerSettings");
  const containerPool = pool.data?.isContainerPool !== false;

  const submit = () =>
    form.submit(async (value) => {
      const controller = new AbortController();
      abort.current = controller;
      const state: Run = { added: 0, total: count, failures: [], finished: false };
      setRun({ ...state });
      try {
        for (const { tasks, refused } of draftChunks(value)) {
          if (controller.signal.aborted) break;
          for (const r of refused) state.failures.push({ id: r.label, message: r.issues.map((x) => x.message).join(" ") });
          if (tasks.length > 0) {
            const { results } = await callRoute(api, "addTasks", { account, job }, { body: { tasks }, signal: controller.signal });
            for (const r of results) {
              if (r.status === "success") state.added++;
              else state.failures.push({ id: r.id, message: [r.error?.code, r.error?.message].filter(Boolean).join(": ") || r.status });
            }
          }
          setRun({ ...state, failures: [...state.failures] });
        }
      } catch (e) {
        if (!controller.signal.aborted) state.failures.push({ id: "request", message: errorMessage(e) });
      }
      setRun({ ...state, failures: [...state.failures], cancelled: controller.signal.aborted, finished: true });
      await client.invalidateQueries({ queryKey: jobKeys.detail(account, job) });
    });

  const done = run ? run.added + run.failures.filter((f) => f.id !== "request").length : 0;
  const running = run !== undefined && !run.finished;
  return (
    <>
      <PageHeader title={`Add many tasks to ${job}`} />
      <Card className={styles.form}>
        <Field label="Tasks from">
          <ChoiceDropdown choices={SOURCES} value={d.source} onPick={(source) => form.update((s) => ({ ...s, source }))} />
        </Field>
        <Caption1>
          {d.source === "csv"
            ? "One task per row. Every text may say {column} for the row's value of a column the CSV's first line names, and {i} for the row's place (1, 2, …). The id must say one, so that each task gets its own."
            : "Every text may say {i}; {i:4} pads it to four digits. The id must say it, so that each task gets its own."}
        </Caption1>
        <Field label="Task id pattern" required {...fieldState(issues, "template.id")}>
          <Input value={d.template.id} onChange={(_, e) => setTemplate({ id: e.value }, "id")} />
        </Field>
        {d.source === "csv" ? (
          <Field label="CSV" hint={'The first line names the columns; quote a value holding commas or line breaks, e.g. "a, b".'} {...fieldState(issues, "csv")}>
            <Textarea className={styles.mono} value={d.csv} onChange={(_, e) => form.update((s) => ({ ...s, csv: e.value }), ["csv"])} resize="vertical" placeholder={"scene,frame\nforest,1\ncity,2"} />
          </Field>
        ) : (
          <div className={styles.row}>
            <Field label="From" {...fieldState(issues, "range.from")}>
              <Input type="number" value={String(d.range.from)} onChange={(_, e) => form.update((s) => ({ ...s, range: { ...s.range, from: whole(e.value) } }), ["range", "from"])} />
            </Field>
            <Field label="To" {...fieldState(issues, "range.to")}>
              <Input type="number" value={String(d.range.to)} onChange={(_, e) => form.update((s) => ({ ...s, range: { ...s.range, to: whole(e.value) } }), ["range", "to"])} />
            </Field>
          </div>
        )}
        <Field
          label="Container image"
          required={containerPool}
          hint={containerPool ? (prefetch.length ? "Suggestions are the images the pool prefetches." : undefined) : "The pool has no container configuration: leave it empty."}
          {...fieldState(issues, "template.containerSettings")}
        >
          <Combobox
            freeform
            value={d.template.containerSettings?.imageName ?? ""}
            selectedOptions={d.template.containerSettings?.imageName ? [d.template.containerSettings.imageName] : []}
            onOptionSelect={(_, e) => e.optionValue && setImage(e.optionValue)}
            onChange={(e) => setImage(e.target.value)}
          >
            {prefetch.map((p) => (
              <Option key={p}>{p}</Option>
            ))}
          </Combobox>
        </Field>
        <Field label="Command line" {...fieldState(issues, "template.commandLine")}>
          <Textarea className={styles.mono} value={d.template.commandLine ?? ""} onChange={(_, e) => setTemplate({ commandLine: e.value }, "commandLine")} resize="vertical" />
        </Field>
        <Subtitle2 as="h2">Preview</Subtitle2>
        {table ? (
          <>
            <Caption1 as="p">{count > 0 ? `${count.toLocaleString("en")} tasks, one per row, sent 100 a request${count > PREVIEW_ROWS ? `; the first ${PREVIEW_ROWS}:` : ":"}` : "No task yet: paste a CSV."}</Caption1>
            {preview.length > 0 && (
              <table className={styles.preview} aria-label="First tasks">
                <thead>
                  <tr>
                    <th scope="col">Row</th>
                    <th scope="col">Task id</th>
                    <th scope="col">Command line</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.map(({ row, task }) => (
                    <tr key={row}>
                      <td>{row}</td>
                      <td>{task.ok ? task.value.id : "—"}</td>
                      <td className={styles.mono}>{task.ok ? task.value.commandLine : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {rowIssues.length > 0 && (
              <ul className={styles.failures} aria-label="Rows to fix">
                {rowIssues.slice(0, LISTED_ROW_ISSUES).map((i, k) => (
                  <li key={k}>{i.message}</li>
                ))}
                {rowIssues.length > LISTED_ROW_ISSUES && <li>…and {rowIssues.length - LISTED_ROW_ISSUES} more.</li>}
              </ul>
            )}
          </>
        ) : (
          <Caption1 as="p">
            {count > 0 ? `${count.toLocaleString("en")} tasks: ${idOf(d.range.from)}${count > 1 ? ` … ${idOf(d.range.to)}` : ""}, sent 100 a request.` : "No task yet: set the range."}
          </Caption1>
        )}
        <OtherIssues issues={issues} shownAt={new Set(["template.id", "range.from", "range.to", "csv", "template.containerSettings", "template.commandLine", ...rowIssues.map((i) => i.path.join("."))])} />
        {run && (
          <Field label={`Added ${run.added} of ${run.total}`} validationState={run.failures.length ? "error" : "none"} validationMessage={run.failures.length ? `${run.failures.length} refused` : undefined}>
            <ProgressBar value={run.total ? done / run.total : 0} />
          </Field>
        )}
        {run?.finished && (
          <MessageBar intent={run.failures.length ? "warning" : "success"}>
            <MessageBarBody>
              {run.cancelled ? "Cancelled: " : ""}
              {run.added} task{run.added === 1 ? "" : "s"} added{run.failures.length ? `, ${run.failures.length} refused` : ""}.
            </MessageBarBody>
          </MessageBar>
        )}
        {run && run.failures.length > 0 && (
          <ul className={styles.failures} aria-label="Refused tasks">
            {run.failures.map((f, k) => (
              <li key={k}>
                <code>{f.id}</code>: {f.message}
              </li>
            ))}
          </ul>
        )}
        <div className={styles.actions}>
          {running ? (
            <Button onClick={() => abort.current?.abort()}>Cancel</Button>
          ) : (
            <Button appearance="primary" disabled={issues.some((i) => i.level === "error")} onClick={submit}>
              {`Add ${count.toLocaleString("en")} tasks`}
            </Button>
          )}
          <Button disabled={running} onClick={() => navigate(paths.job(account, job))}>
            {run?.finished ? "Back to the job" : "Close"}
          </Button>
        </div>
      </Card>
    </>
  );
}
