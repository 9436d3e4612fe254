import { JobScheduleSpec } from "../job-schedule-spec";
import { parseJobScheduleSpec, parseParts } from "../parse/parse-spec";
import type { ValidationContext } from "../validation-context";
import type { SpecPath, ValidationIssue } from "../validation-result";
import { runRules } from "./rule";
import { jobScheduleRules } from "./rules/job-schedule";
import { validateJob } from "./validate-job";

export { jobScheduleRules };

const under = (path: SpecPath): SpecPath => ["jobSpecification", ...path];

/** A job issue as it reads on the schedule: its path and its fix's paths under jobSpecification. */
const asScheduleIssue = ({ fix, ...issue }: ValidationIssue): ValidationIssue => {
  const moved: ValidationIssue = { ...issue, path: under(issue.path) };
  if (fix) moved.fix = { ...fix, patch: fix.patch.map((p) => ({ ...p, path: under(p.path) })) };
  return moved;
};

/**
 * Pure: the schedule's own rules, then the job rules on the job it creates (as Job_Add is checked),
 * with their paths under `jobSpecification`. `context.pool` describes the job's pool.
 */
export const validateJobSchedule = (
  spec: JobScheduleSpec,
  context: ValidationContext = {},
): ValidationIssue[] => [
  ...runRules(jobScheduleRules, { spec }),
  ...validateJob({ id: spec.id, ...spec.jobSpecification }, context).map(asScheduleIssue),
];

/**
 * A form's draft: the whole spec's issues when it parses; otherwise the shape issues and, once the
 * timing parses, the schedule's own rules, so a bad recurrence shows before the job is filled in.
 */
export const validateJobScheduleDraft = (draft: unknown, context: ValidationContext = {}): ValidationIssue[] => {
  const parsed = parseJobScheduleSpec(draft);
  if (parsed.ok) return validateJobSchedule(parsed.value, context);
  const { parts } = parseParts(JobScheduleSpec, draft);
  return [...parsed.issues, ...(parts.schedule ? runRules(jobScheduleRules, { spec: { schedule: parts.schedule } }) : [])];
};
