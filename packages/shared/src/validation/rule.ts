import type {
  ResourceAction,
  SpecPath,
  ValidationFix,
  ValidationIssue,
  ValidationLevel,
} from "../validation-result";

export type RuleArea =
  | "ids"
  | "marketplace image"
  | "gallery"
  | "scale"
  | "containers"
  | "registries"
  | "start task"
  | "vm size"
  | "quota"
  | "task"
  | "exit conditions"
  | "resource files"
  | "output files"
  | "job tasks"
  | "job schedule"
  | "application packages";

/** What a rule is, for the rule catalog (README, UI help): stable code, usual level, where it comes from. */
export interface RuleInfo {
  code: string;
  area: RuleArea;
  /** The level it usually reports; `levels` lists others it can use (e.g. info that becomes an error). */
  level: ValidationLevel;
  levels?: ValidationLevel[];
  /** What it checks, in one line. */
  summary: string;
  /** The public document (by title) and the fact it enforces, or "operator experience". */
  source: string;
}

export type Emit = (
  path: SpecPath,
  message: string,
  options?: { fix?: ValidationFix; action?: ResourceAction; level?: ValidationLevel },
) => void;

/** A named rule: `check` reads precomputed facts and emits issues under the rule's code. */
export interface Rule<Facts> extends RuleInfo {
  check: (facts: Facts, emit: Emit) => void;
}

/** Runs rules and collects their issues; each rule's issues carry its code. */
export const runRules = <Facts>(rules: readonly Rule<Facts>[], facts: Facts): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  for (const rule of rules) {
    rule.check(facts, (path, message, options) => {
      const issue: ValidationIssue = { path, level: options?.level ?? rule.level, code: rule.code, message };
      if (options?.fix) issue.fix = options.fix;
      if (options?.action) issue.action = options.action;
      issues.push(issue);
    });
  }
  return issues;
};

export const setFix = (label: string, path: SpecPath, value: unknown): ValidationFix => ({
  label,
  patch: [{ path, value }],
});

/**
 * The same rule over other facts: rules written once for a part (a task's data files) run inside
 * every validator that holds that part, each deriving the part's facts from its own.
 */
export const liftRule = <Part, Facts>(rule: Rule<Part>, partOf: (facts: Facts) => Part): Rule<Facts> => ({
  ...rule,
  check: (facts, emit) => rule.check(partOf(facts), emit),
});
