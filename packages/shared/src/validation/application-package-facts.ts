import type { ApplicationPackageReferenceSpec } from "../application-package-spec";
import type { ApplicationFact } from "../validation-context";
import type { SpecPath } from "../validation-result";

/**
 * One list of application package references and where it sits in the spec being validated ([]
 * for a task or a pool, ["jobManagerTask"] for a job's manager), so the same rules run for every
 * holder of references and report at the field the operator edits.
 */
export interface ApplicationPackageSet {
  at: SpecPath;
  references?: ApplicationPackageReferenceSpec[] | undefined;
}

export interface ApplicationPackageFacts {
  sets: ApplicationPackageSet[];
  /** The account's applications; absent when they could not be looked up, and the rules stay silent. */
  applications?: ApplicationFact[] | undefined;
}
