import type { z } from "zod";
import { PoolSpec } from "../pool-spec";
import { JobSpec, TaskSpec } from "../task-spec";
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

/** Any JSON value in, a PoolSpec with defaults applied or the issues with their paths out; never throws. */
export const parsePoolSpec: (json: unknown) => ParseResult<PoolSpec> = parseWith(PoolSpec);
export const parseTaskSpec: (json: unknown) => ParseResult<TaskSpec> = parseWith(TaskSpec);
export const parseJobSpec: (json: unknown) => ParseResult<JobSpec> = parseWith(JobSpec);
