import {
  parsePoolSpec,
  validatePool,
  type PoolSpecInput,
  type ValidationContext,
  type ValidationIssue,
} from "@batch-studio/shared";
import { samePath } from "./steps";

/**
 * The wizard's sync layer: the shared schema, then the shared rules with whatever facts the last
 * async check learned. Facts that describe one particular input (is this pool id taken? this
 * gallery version?) only apply while that input is unchanged, so a stale answer never shows on a
 * newly typed value.
 */
export function validateDraft(spec: PoolSpecInput, facts: ValidationContext, checked: PoolSpecInput | undefined): ValidationIssue[] {
  const parsed = parsePoolSpec(spec);
  if (!parsed.ok) return parsed.issues;
  return validatePool(parsed.value, currentFacts(spec, facts, checked));
}

export function currentFacts(spec: PoolSpecInput, facts: ValidationContext, checked: PoolSpecInput | undefined): ValidationContext {
  const out: ValidationContext = { ...facts };
  if (!checked || checked.id !== spec.id) delete out.poolIdTaken;
  const imageId = (i: PoolSpecInput["image"] | undefined) => (i?.kind === "gallery" ? i.imageId : undefined);
  if (!checked || imageId(checked.image) !== imageId(spec.image)) delete out.galleryImage;
  return out;
}

/** Sync issues plus the async ones the shared rules did not reproduce (same code and path = same issue). */
export function mergeIssues(sync: readonly ValidationIssue[], async: readonly ValidationIssue[]): ValidationIssue[] {
  const extra = async.filter((a) => !sync.some((s) => s.code === a.code && samePath(s.path, a.path)));
  return [...sync, ...extra];
}

/** True when the spec parses, so it is worth sending to the BFF for the async checks. */
export const isCheckable = (spec: PoolSpecInput): boolean => parsePoolSpec(spec).ok;
