/**
 * Application package references on pools, tasks and job manager tasks (job preparation and
 * release tasks have none in api-version 2022-10-01.16.0). Two steps: the shape, where the body is
 * validated (400 as for any field), and, in the routes, that each reference names an Active
 * package of the account's ARM applications, as Batch checks them when the pool or task is added:
 * 409 InvalidApplicationPackageReferences naming the first one that does not ("Deploy applications
 * to compute nodes with Batch application packages", Microsoft Learn). A reference without a
 * version takes the application's defaultVersion, so it needs one. An empty list is accepted.
 */
import type { AccountApplications } from "../../applications/application-catalog";
import { batchError, invalidProperty } from "../http/batch-error";
import type { ApplicationPackageReferenceWire } from "../model/types";
import { requiredString, stringField, type Obj } from "./fields";

const at = (path: string) => (path ? `${path}.applicationPackageReferences` : "applicationPackageReferences");

/** The references of `o` when well-formed ({applicationId, version?} each), else 400 naming the field. */
export function applicationPackageReferencesAt(
  o: Obj,
  path: string,
): ApplicationPackageReferenceWire[] | undefined {
  const refs = o.applicationPackageReferences;
  if (refs === undefined || refs === null) return undefined;
  if (!Array.isArray(refs))
    throw invalidProperty(at(path), "Expected a list of application package references.");
  return refs.map((ref: unknown, i) => {
    const p = `${at(path)}[${i}]`;
    if (typeof ref !== "object" || ref === null || Array.isArray(ref))
      throw invalidProperty(p, "Expected an application package reference.");
    const fields: Obj = { ...ref };
    const version = stringField(fields, "version", p);
    return { applicationId: requiredString(fields, "applicationId", p), ...(version ? { version } : {}) };
  });
}

/** Every reference names an Active package of the account; the first that does not answers 409. */
export function requireApplicationPackages(
  apps: AccountApplications | undefined,
  refs: readonly ApplicationPackageReferenceWire[] | undefined,
  path: string,
): void {
  for (const ref of refs ?? []) {
    const resolved = apps
      ? apps.resolve(ref.applicationId, ref.version)
      : {
          problem:
            "The account has no applications: it is not linked to the local ARM and an auto-storage account.",
        };
    if ("found" in resolved) continue;
    throw batchError(
      409,
      "InvalidApplicationPackageReferences",
      [
        { key: "ApplicationPackageReference", value: `${ref.applicationId}:${ref.version ?? "(default)"}` },
        { key: "Reason", value: `${at(path)}: ${resolved.problem}` },
      ],
      "One or more of the specified application package references are invalid.",
    );
  }
}
