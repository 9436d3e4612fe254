/**
 * Application package references on pools, tasks and job manager tasks. Packages are uploaded to
 * an account's ARM applications (`Microsoft.Batch/batchAccounts/applications/versions`), which the
 * emulator does not serve yet, so no account here has an application and every reference is one
 * Batch could not satisfy: it answers 409 InvalidApplicationPackageReferences, naming the first
 * unknown reference, as Azure does for a package that does not exist ("Deploy applications to
 * compute nodes with Batch application packages", Microsoft Learn). An empty list is accepted.
 */
import { batchError, invalidProperty } from "../http/batch-error";
import type { Obj } from "./fields";

export function refuseApplicationPackages(body: Obj, path: string): void {
  const refs = body.applicationPackageReferences;
  const at = path ? `${path}.applicationPackageReferences` : "applicationPackageReferences";
  if (refs === undefined || refs === null) return;
  if (!Array.isArray(refs)) throw invalidProperty(at, "Expected a list of application package references.");
  if (refs.length === 0) return;
  const first: unknown = refs[0];
  const id =
    typeof first === "object" && first !== null && "applicationId" in first
      ? String(first.applicationId)
      : "";
  const version =
    typeof first === "object" && first !== null && "version" in first ? String(first.version) : "(default)";
  throw batchError(
    409,
    "InvalidApplicationPackageReferences",
    [
      { key: "ApplicationPackageReference", value: `${id}:${version}` },
      {
        key: "Reason",
        value: `${at}: the account has no application "${id}". Application packages are not emulated, so no account here has one.`,
      },
    ],
    "One or more of the specified application package references are invalid.",
  );
}
