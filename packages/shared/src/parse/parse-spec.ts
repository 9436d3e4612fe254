import type { z } from "zod";
import { PoolSpec } from "../pool-spec";
import { JobSpec, TaskSpec } from "../task-spec";
import { JobScheduleSpec } from "../job-schedule-spec";
import type { SpecPath, ValidationIssue } from "../validation-result";

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

const toSpecPath = (path: readonly PropertyKey[]): SpecPath =>
  path.map((key) => (typeof key === "number" ? key : String(key)));

/** zod's issues as ValidationIssues: the code says it is a shape problem ("schema.invalid_type"). */
export const fromZodIssues = (issues: readonly z.core.$ZodIssue[]): ValidationIssue[] =>
  issues.map((issue) => ({
    path: toSpecPath(issue.path),
    level: "error",
    code: `schema.${issue.code}`,
    message: issue.message,
  }));

const parseWith =
  <S extends z.ZodType>(schema: S) =>
  (json: unknown): ParseResult<z.infer<S>> => {
    const result = schema.safeParse(json);
    return result.success
      ? { ok: true, value: result.data }
      : { ok: false, issues: fromZodIssues(result.error.issues) };
  };

const isRecord = (json: unknown): json is Record<string, unknown> =>
  typeof json === "object" && json !== null && !Array.isArray(json);

/**
 * A spec as far as it is filled in, parsed part by part (each top-level field by its own schema):
 * the parts that are valid, with their defaults, and the schema's issues of those that are not (a
 * missing required part is one of them). Anything but an object is an empty draft.
 */
export function parseParts<S extends z.ZodObject>(schema: S, json: unknown): { parts: Partial<z.output<S>>; issues: ValidationIssue[] } {
  const draft = isRecord(json) ? json : {};
  const parts: Record<string, unknown> = {};
  const issues: ValidationIssue[] = [];
  for (const [key, part] of Object.entries(schema.shape)) {
    const result = part.safeParse(draft[key]);
    if (result.success) {
      if (result.data !== undefined) parts[key] = result.data;
    } else issues.push(...fromZodIssues(result.error.issues).map((i) => ({ ...i, path: [key, ...i.path] })));
  }
  // Each key was parsed by its own schema of the object's shape, so its value has that part's type.
  return { parts: parts as Partial<z.output<S>>, issues };
}

/** Any JSON value in, a PoolSpec with defaults applied or the issues with their paths out; never throws. */
export const parsePoolSpec: (json: unknown) => ParseResult<PoolSpec> = parseWith(PoolSpec);
export const parseTaskSpec: (json: unknown) => ParseResult<TaskSpec> = parseWith(TaskSpec);
export const parseJobSpec: (json: unknown) => ParseResult<JobSpec> = parseWith(JobSpec);
export const parseJobScheduleSpec: (json: unknown) => ParseResult<JobScheduleSpec> = parseWith(JobScheduleSpec);
