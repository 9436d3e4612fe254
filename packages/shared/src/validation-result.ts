/**
 * Validation results are data, never exceptions: the wizard renders them at the field, the BFF
 * returns them as 400 bodies, and a `fix` is a patch the UI can apply with one click.
 */
export type ValidationLevel = "error" | "warning" | "info";

/** A JSON-pointer-like path into the spec, as an array: ["container", "registries", 0, "server"]. */
export type SpecPath = (string | number)[];

/** One field change; a fix is a list of them, applied in order. */
export interface SpecPatch {
  path: SpecPath;
  value: unknown;
}

export interface ValidationFix {
  /** Button label, e.g. "Set resize timeout to 30 minutes". */
  label: string;
  patch: SpecPatch[];
}

export interface ValidationIssue {
  path: SpecPath;
  level: ValidationLevel;
  /** Stable rule code, e.g. "gallery.replicaPer300Nodes". */
  code: string;
  message: string;
  fix?: ValidationFix;
}

export const hasErrors = (issues: readonly ValidationIssue[]): boolean =>
  issues.some((i) => i.level === "error");

/** "container.registries.0.server" — the form used in HTTP problem bodies and logs. */
export const formatPath = (path: SpecPath): string => path.join(".");
