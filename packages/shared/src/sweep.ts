import { z } from "zod";
import type { TaskSpec, TaskSpecInput } from "./task-spec";
import type { ValidationIssue } from "./validation-result";
import { fromZodIssues, parseTaskSpec, type ParseResult } from "./parse/parse-spec";

/**
 * A parametric sweep: one template task, added once per value of `{i}` from `from` to `to`. Every
 * text of the template may say `{i}` (the id must, so the ids differ); `{i:3}` pads to 3 digits.
 */
export const MAX_SWEEP_TASKS = 10_000;

export const SweepRange = z
  .object({
    from: z.number({ error: "from must be a whole number" }).int("from must be a whole number").min(0, "from cannot be negative"),
    to: z.number({ error: "to must be a whole number" }).int("to must be a whole number"),
  })
  .refine((r) => r.to >= r.from, { message: "to must not be below from", path: ["to"] })
  .refine((r) => r.to - r.from + 1 <= MAX_SWEEP_TASKS, { message: `a sweep adds at most ${MAX_SWEEP_TASKS.toLocaleString("en")} tasks`, path: ["to"] });
export type SweepRange = z.infer<typeof SweepRange>;

const PLACEHOLDER = /\{i(?::(\d{1,2}))?\}/g;
const HAS_INDEX = /\{i(?::\d{1,2})?\}/;

/** Every string of `value` with `{i}` (or `{i:N}`, zero-padded to N digits) replaced by `i`. */
const substitute = (value: unknown, i: number): unknown => {
  if (typeof value === "string") return value.replace(PLACEHOLDER, (_, pad?: string) => String(i).padStart(Number(pad ?? 0), "0"));
  if (Array.isArray(value)) return value.map((v) => substitute(v, i));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, i)]));
  return value;
};

/** A template whose other placeholders were already filled (a CSV row's columns), for one `i`. */
export const sweptTask = (template: unknown, i: number): ParseResult<TaskSpec> => parseTaskSpec(substitute(template, i));

/** The template's task for one value of the range, parsed as the BFF will parse it. */
export const sweepTask = (template: TaskSpecInput, i: number): ParseResult<TaskSpec> => sweptTask(template, i);

/** Issues of the sweep itself: the range, an id without `{i}`, and the shape of its first and last task. */
export const sweepIssues = (template: TaskSpecInput, range: { from: number; to: number }): ValidationIssue[] => {
  const r = SweepRange.safeParse(range);
  const issues: ValidationIssue[] = r.success ? [] : fromZodIssues(r.error.issues).map((i) => ({ ...i, path: ["range", ...i.path] }));
  if (!HAS_INDEX.test(template.id)) issues.push({ path: ["template", "id"], level: "error", code: "sweep.idWithoutIndex", message: "The id must contain {i} (or {i:4} for zero-padded numbers), so that each task gets its own id." });
  if (!r.success) return issues;
  // Texts only grow with i, so the first and the last task show what any of them would.
  for (const i of new Set([r.data.from, r.data.to])) {
    const parsed = sweepTask(template, i);
    if (!parsed.ok) issues.push(...parsed.issues.map((x) => ({ ...x, path: ["template", ...x.path], message: `For {i} = ${i}: ${x.message}` })));
  }
  return issues;
};

/**
 * The sweep's tasks, `size` at a time, in order: what one task-collection request adds (Batch takes
 * 100). A task that does not parse is skipped and reported, so one bad value costs one task.
 */
export function* sweepChunks(template: TaskSpecInput, range: SweepRange, size = 100): Generator<{ tasks: TaskSpec[]; refused: { i: number; issues: ValidationIssue[] }[] }> {
  for (let start = range.from; start <= range.to; start += size) {
    const tasks: TaskSpec[] = [];
    const refused: { i: number; issues: ValidationIssue[] }[] = [];
    for (let i = start; i <= Math.min(range.to, start + size - 1); i++) {
      const parsed = sweepTask(template, i);
      if (parsed.ok) tasks.push(parsed.value);
      else refused.push({ i, issues: parsed.issues });
    }
    yield { tasks, refused };
  }
}
