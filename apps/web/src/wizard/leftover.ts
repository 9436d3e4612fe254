import type { SpecPath, ValidationIssue } from "@batch-studio/shared";
import { stepOfIssue, type StepId } from "./steps";

/**
 * Issues of a step that no field renders inline. `inline` lists rendered paths; "*" matches any
 * one segment (a row index), so ["container", "prefetchImages", "*"] covers every image row.
 */
export function leftoverIssues(issues: readonly ValidationIssue[], step: StepId, inline: SpecPath[]): ValidationIssue[] {
  const matches = (path: SpecPath, pattern: SpecPath) =>
    path.length === pattern.length && pattern.every((p, i) => p === "*" || p === path[i]);
  return issues.filter((i) => stepOfIssue(i) === step && !inline.some((p) => matches(i.path, p)));
}
