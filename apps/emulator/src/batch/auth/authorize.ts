/**
 * Role-based access for Entra ID callers of one Batch account: the operation a request is
 * (batch-operations.ts) → the permission Batch checks (data-plane-actions.ts) → the role table
 * (src/rbac) at the account's resource id. Shared Key callers never reach this: the key is the
 * whole account, in Azure as here.
 *
 * Denied → 403 InsufficientAccountPermissions. Batch's published error codes (Microsoft.Azure.Batch
 * and azure-batch BatchErrorCodeStrings, "The account being accessed does not have sufficient
 * permissions to execute this operation") hold no other authorization code, and no recorded RBAC
 * denial from the data plane could be found, so the code is the documented one and the message
 * names the client, the action and the scope in ARM's words, which is what an operator needs to
 * ask for the right role.
 */
import type { AccessControl } from "../../rbac";
import { principalOf } from "../../rbac";
import { batchError } from "../http/batch-error";
import { batchOperationOf } from "../http/batch-operations";
import { permissionsFor } from "./data-plane-actions";

export interface DataPlaneAuthorization {
  access: AccessControl;
  /** The account's ARM resource id, e.g. /subscriptions/…/providers/Microsoft.Batch/batchAccounts/contosoweu. */
  accountId: string;
}

export interface AuthorizationRequest {
  method: string;
  /** The raw (still encoded) path, without the query. */
  rawPath: string;
  /** The decoded path segments. */
  segments: readonly string[];
  body: unknown;
}

/** File paths may arrive with raw slashes; the operation templates take them as one segment. */
const operationPath = (rawPath: string) => rawPath.replace(/(\/files\/)[^?]+$/i, "$1file");

/** The entity a request names under the account (a pool, job or schedule), for the denial's scope. */
function scopeOf(accountId: string, segments: readonly string[]): string {
  const [collection, id] = segments;
  const entity = collection && /^(pools|jobs|jobschedules)$/i.test(collection) && id !== undefined;
  return entity ? `${accountId}/${collection}/${id}` : accountId;
}

export const permissionDenied = (client: string, oid: string, action: string, scope: string) =>
  batchError(
    403,
    "InsufficientAccountPermissions",
    [],
    `The client '${client}' with object id '${oid}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );

/** Throws the 403 unless the token's principal holds every permission the operation needs. */
export function authorizeBearer(
  authz: DataPlaneAuthorization,
  claims: Record<string, unknown>,
  req: AuthorizationRequest,
): void {
  const principal = principalOf(claims);
  const scope = scopeOf(authz.accountId, req.segments);
  const operation = batchOperationOf(req.method, operationPath(req.rawPath));
  const needed = operation ? permissionsFor(operation, req.body) : [];
  // A route with no known operation is refused rather than left open.
  if (needed.length === 0)
    throw permissionDenied(principal.displayName, principal.oid, `${req.method} ${req.rawPath}`, scope);
  for (const p of needed)
    if (!authz.access.isAllowed(principal.oid, scope, p.action, p.kind))
      throw permissionDenied(principal.displayName, principal.oid, p.action, scope);
}
