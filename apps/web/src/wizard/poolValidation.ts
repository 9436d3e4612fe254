import {
  validatePoolDraft,
  type PoolSpecInput,
  type ValidationContext,
  type ValidationIssue,
} from "@batch-studio/shared";
import type { ApiClient } from "../auth/apiClient";
import { isApiError } from "../auth/apiError";
import { callRoute } from "../api/callRoute";
import type { CheckAnswer } from "../forms/useSpecForm";

/**
 * The wizard's sync layer: the shared schema and rules on the spec as far as it is filled in
 * (each valid part gets its rules), with whatever facts the last live check learned. Facts that
 * describe one particular input (is this pool id taken? this gallery version?) only apply while
 * that input is unchanged, so a stale answer never shows on a newly typed value.
 */
export function validateDraft(spec: PoolSpecInput, facts: ValidationContext, checked: PoolSpecInput | undefined): ValidationIssue[] {
  return validatePoolDraft(spec, currentFacts(spec, facts, checked));
}

export function currentFacts(spec: PoolSpecInput, facts: ValidationContext, checked: PoolSpecInput | undefined): ValidationContext {
  const out: ValidationContext = { ...facts };
  if (!checked || checked.id !== spec.id) delete out.poolIdTaken;
  const imageId = (i: PoolSpecInput["image"] | undefined) => (i?.kind === "gallery" ? i.imageId : undefined);
  if (!checked || imageId(checked.image) !== imageId(spec.image)) delete out.galleryImage;
  return out;
}

/**
 * The live checks (POST validate/pool) of the spec as it is: the BFF answers per fact, each
 * lookup running once the part it depends on is valid, so a rejected registry login blocks
 * Containers before a VM size is picked. A 400 carries the issues it found.
 */
export const poolCheck =
  (api: ApiClient, account: string) =>
  async (spec: PoolSpecInput, signal: AbortSignal): Promise<CheckAnswer<ValidationContext>> => {
    try {
      const res = await callRoute(api, "validatePool", { account }, { body: spec, signal });
      return { issues: res.issues, facts: res.facts };
    } catch (e) {
      if (isApiError(e) && e.problem.issues) return { issues: e.problem.issues, facts: {} };
      throw e;
    }
  };
