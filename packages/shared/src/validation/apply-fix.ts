import type { SpecPatch, ValidationFix } from "../validation-result";

const setAt = (node: unknown, path: readonly (string | number)[], value: unknown): unknown => {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(node)) {
    const copy = [...node];
    if (typeof key !== "number") return node;
    copy[key] = setAt(copy[key], rest, value);
    return copy;
  }
  const base = node !== null && typeof node === "object" ? (node as Record<string, unknown>) : {};
  const copy: Record<string, unknown> = { ...base };
  const next = setAt(copy[key], rest, value);
  if (next === undefined) delete copy[key];
  else copy[key] = next;
  return copy;
};

/** A copy of `spec` with the patches applied in order; a patch value of undefined removes the field. */
export const applyPatches = <T>(spec: T, patches: readonly SpecPatch[]): T =>
  patches.reduce<unknown>((node, patch) => setAt(node, patch.path, patch.value), spec) as T;

/** What the UI's one-click button does. The result should be re-parsed and re-validated. */
export const applyFix = <T>(spec: T, fix: ValidationFix): T => applyPatches(spec, fix.patch);
