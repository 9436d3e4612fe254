import type { ValidationIssue } from "@batch-studio/shared";

/** Fluent Field props for the issues at one dotted path: the worst level wins, messages joined. */
export function fieldState(issues: ValidationIssue[], field: string) {
  const here = issues.filter((i) => i.path.join(".") === field);
  if (here.length === 0) return {};
  return {
    validationState: here.some((i) => i.level === "error") ? ("error" as const) : here.some((i) => i.level === "warning") ? ("warning" as const) : ("none" as const),
    validationMessage: here.map((i) => i.message).join(" "),
  };
}
