import type { CsvTable } from "./csv";
import { MAX_SWEEP_TASKS, sweptTask } from "./sweep";
import type { TaskSpec, TaskSpecInput } from "./task-spec";
import type { SpecPath, ValidationIssue } from "./validation-result";
import type { ParseResult } from "./parse/parse-spec";

/*
 * A sweep over the rows of a CSV: one task per row, the template's `{column}` placeholders taking
 * the row's values, and `{i}` (or `{i:4}`) the row's place among the data rows, from 1. A `{word}`
 * that names no column is left as written (a shell's or awk's braces), except in the id, where it
 * can only be a mistake.
 */

const COLUMN = /\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g;
/** `{i}` is the row's place; a column of that name could never be reached. */
const INDEX = "i";

/** Every string of `value` with `{column}` replaced by the row's value of that column. */
const substituteColumns = (value: unknown, values: Readonly<Record<string, string>>): unknown => {
  if (typeof value === "string") return value.replace(COLUMN, (whole, name: string) => (name !== INDEX && Object.hasOwn(values, name) ? (values[name] ?? "") : whole));
  if (Array.isArray(value)) return value.map((v) => substituteColumns(v, values));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteColumns(v, values)]));
  return value;
};

/** The template's `{word}` placeholders with where each is written (`{i}` aside). */
const placeholders = (value: unknown, at: SpecPath = []): { name: string; at: SpecPath }[] => {
  if (typeof value === "string") return [...value.matchAll(COLUMN)].flatMap((m) => (m[1] && m[1] !== INDEX ? [{ name: m[1], at }] : []));
  if (Array.isArray(value)) return value.flatMap((v, i) => placeholders(v, [...at, i]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => placeholders(v, [...at, k]));
  return [];
};

/** The task of one data row (`index` its place, from 1), parsed as the BFF will parse it. */
export const csvSweepTask = (template: TaskSpecInput, values: Readonly<Record<string, string>>, index: number): ParseResult<TaskSpec> =>
  sweptTask(substituteColumns(template, values), index);

const issue = (path: SpecPath, code: string, message: string, level: ValidationIssue["level"] = "error"): ValidationIssue => ({ path, level, code, message });

/**
 * Issues of a CSV sweep: the CSV's own problems and each row's task that would be refused, at
 * ["csv", row] with the row's number (the header is row 1); placeholders that name no column; ids
 * two rows share. Every row is judged: a refused row is named before anything is sent.
 */
export const csvSweepIssues = (template: TaskSpecInput, table: CsvTable): ValidationIssue[] => {
  const issues: ValidationIssue[] = table.problems.map((p) => issue(["csv", p.row], "sweep.csvRow", `Row ${p.row}: ${p.message}`));
  if (table.columns.includes(INDEX)) issues.push(issue(["csv"], "sweep.csvIndexColumn", 'A column is named "i", which is the row number ({i}); rename the column.'));
  const columns = new Set(table.columns);
  const used = placeholders(template);
  for (const p of used.filter((u) => !columns.has(u.name))) {
    const inId = p.at.length === 1 && p.at[0] === "id";
    issues.push(
      inId
        ? issue(["template", "id"], "sweep.unknownColumn", `The id says {${p.name}}, but the CSV has no column "${p.name}"; its columns are ${table.columns.join(", ") || "none yet"}.`)
        : issue(["template", ...p.at], "sweep.unknownColumn", `{${p.name}} names no column of the CSV, so it stays as written.`, "warning"),
    );
  }
  const idVaries = /\{i(?::\d{1,2})?\}/.test(template.id) || used.some((u) => u.at.length === 1 && u.at[0] === "id" && columns.has(u.name));
  if (!idVaries) issues.push(issue(["template", "id"], "sweep.idWithoutIndex", "The id must contain {i} or a {column}, so that each row's task gets its own id."));
  if (table.columns.length > 0 && table.rows.length === 0 && table.problems.length === 0) issues.push(issue(["csv"], "sweep.csvNoRows", "The CSV has a header but no rows; add one line per task."));
  if (table.rows.length > MAX_SWEEP_TASKS) issues.push(issue(["csv"], "sweep.csvTooManyRows", `A sweep adds at most ${MAX_SWEEP_TASKS.toLocaleString("en")} tasks; the CSV has ${table.rows.length.toLocaleString("en")} rows.`));
  const rowOfId = new Map<string, number>();
  table.rows.forEach((r, k) => {
    const parsed = csvSweepTask(template, r.values, k + 1);
    if (!parsed.ok) {
      for (const x of parsed.issues) issues.push({ ...x, path: ["csv", r.row], message: `Row ${r.row}, ${x.path.join(".") || "task"}: ${x.message}` });
      return;
    }
    const key = parsed.value.id.toLowerCase();
    const first = rowOfId.get(key);
    // Batch compares task ids without case, so two rows whose ids differ only in case collide.
    if (first !== undefined) issues.push(issue(["csv", r.row], "sweep.csvDuplicateId", `Row ${r.row}: the id ${parsed.value.id} is also row ${first}'s; each row needs its own id.`));
    else rowOfId.set(key, r.row);
  });
  return issues;
};

/** The CSV's tasks, `size` at a time, in row order; a row whose task does not parse is skipped and reported. */
export function* csvSweepChunks(template: TaskSpecInput, table: CsvTable, size = 100): Generator<{ tasks: TaskSpec[]; refused: { row: number; issues: ValidationIssue[] }[] }> {
  for (let start = 0; start < table.rows.length; start += size) {
    const tasks: TaskSpec[] = [];
    const refused: { row: number; issues: ValidationIssue[] }[] = [];
    table.rows.slice(start, start + size).forEach((r, k) => {
      const parsed = csvSweepTask(template, r.values, start + k + 1);
      if (parsed.ok) tasks.push(parsed.value);
      else refused.push({ row: r.row, issues: parsed.issues });
    });
    yield { tasks, refused };
  }
}
