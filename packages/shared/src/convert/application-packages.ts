import type { ApplicationPackageReferenceSpec } from "../application-package-spec";
import type { ApplicationPackageReference } from "./batch-models";

/** Spec references to Batch's; none (or an empty list) sends nothing, as Batch's default is none. */
export const toApplicationPackageReferences = (
  refs: readonly ApplicationPackageReferenceSpec[] | undefined,
): ApplicationPackageReference[] | undefined =>
  refs && refs.length > 0
    ? refs.map(({ applicationId, version }) => (version ? { applicationId, version } : { applicationId }))
    : undefined;

/** Batch's references back to spec ones ("run again", "clone"); none gives undefined. */
export const fromApplicationPackageReferences = (
  refs: readonly ApplicationPackageReference[] | undefined,
): ApplicationPackageReferenceSpec[] | undefined =>
  refs && refs.length > 0
    ? refs.map(({ applicationId, version }) => (version ? { applicationId, version } : { applicationId }))
    : undefined;
