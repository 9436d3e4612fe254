import type { PoolSpecInput, SpecPath, SpecPatch, ValidationIssue } from "@batch-studio/shared";

/**
 * The wizard's steps and which part of the PoolSpec each one owns, so every validation issue
 * (which carries a spec path) lands on exactly one step: shown inline at its field, counted in
 * that step's summary in the stepper, and blocking "Next" only when it is an error.
 */
export type StepId = "basics" | "image" | "containers" | "size" | "startTask" | "review";

export interface StepDef {
  id: StepId;
  title: string;
  /** First path segments this step owns. */
  owns: string[];
}

export const STEPS: StepDef[] = [
  { id: "basics", title: "Basics", owns: ["id", "displayName", "taskSlotsPerNode", "metadata"] },
  { id: "image", title: "Image", owns: ["image", "nodeAgentSkuId"] },
  { id: "containers", title: "Containers", owns: ["container"] },
  { id: "size", title: "Size & scale", owns: ["vmSize", "scale"] },
  // Pool packages sit beside the start task: it is the first thing on a node that can use them.
  { id: "startTask", title: "Start task", owns: ["startTask", "applicationPackages"] },
  { id: "review", title: "Review", owns: [] },
];

export const isStepId = (s: string | null | undefined): s is StepId => STEPS.some((d) => d.id === s);

/** The step an issue belongs to; issues about the whole spec go to Review. */
export function stepOfIssue(issue: Pick<ValidationIssue, "path">): StepId {
  const head = issue.path[0];
  return STEPS.find((s) => typeof head === "string" && s.owns.includes(head))?.id ?? "review";
}

export interface StepSummary {
  errors: number;
  warnings: number;
  infos: number;
}

export function summarizeSteps(issues: readonly ValidationIssue[]): Record<StepId, StepSummary> {
  const out = Object.fromEntries(STEPS.map((s) => [s.id, { errors: 0, warnings: 0, infos: 0 }])) as Record<StepId, StepSummary>;
  for (const issue of issues) {
    const s = out[stepOfIssue(issue)];
    if (issue.level === "error") s.errors++;
    else if (issue.level === "warning") s.warnings++;
    else s.infos++;
  }
  return out;
}

/** "2 errors, 1 warning" for the stepper's accessible description; "" when clean. */
export function describeSummary(s: StepSummary): string {
  const parts: string[] = [];
  if (s.errors) parts.push(`${s.errors} error${s.errors === 1 ? "" : "s"}`);
  if (s.warnings) parts.push(`${s.warnings} warning${s.warnings === 1 ? "" : "s"}`);
  return parts.join(", ");
}

/** Errors block moving past a step (and everything after it); warnings never do. */
export function firstBlockingStep(issues: readonly ValidationIssue[], upTo: StepId): StepId | undefined {
  const summary = summarizeSteps(issues);
  for (const step of STEPS) {
    if (summary[step.id].errors > 0) return step.id;
    if (step.id === upTo) return undefined;
  }
  return undefined;
}

export const samePath = (a: SpecPath, b: SpecPath): boolean => a.length === b.length && a.every((p, i) => p === b[i]);

export const issuesAt = (issues: readonly ValidationIssue[], path: SpecPath): ValidationIssue[] =>
  issues.filter((i) => samePath(i.path, path));

/** Immutable set by path, creating objects/arrays on the way (a fix may target a field not yet filled). */
export function setIn<T>(root: T, path: SpecPath, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [string | number, ...SpecPath];
  const container: Record<string | number, unknown> | unknown[] = Array.isArray(root)
    ? [...root]
    : { ...((root ?? (typeof head === "number" ? [] : {})) as object) };
  const current = (container as Record<string | number, unknown>)[head];
  const next = setIn(current ?? (typeof rest[0] === "number" ? [] : {}), rest, value);
  if (next === undefined && !Array.isArray(container)) delete (container as Record<string, unknown>)[head as string];
  else (container as Record<string | number, unknown>)[head] = next;
  return container as T;
}

/** Reading a value at a path is the form engine's; re-exported for the wizard's callers. */
export { getIn } from "../forms/paths";

export const applyPatch = (spec: PoolSpecInput, patch: readonly SpecPatch[]): PoolSpecInput =>
  patch.reduce((s, p) => setIn(s, p.path, p.value), spec);

/** A fresh wizard: a Linux container pool of one dedicated node. */
export const emptyPoolSpec = (): PoolSpecInput => ({
  id: "",
  vmSize: "",
  image: { kind: "marketplace", publisher: "", offer: "", sku: "", version: "latest" },
  nodeAgentSkuId: "",
  container: { prefetchImages: [], registries: [] },
  scale: { dedicated: 1, spot: 0, resizeTimeout: "PT15M" },
  taskSlotsPerNode: 1,
});
