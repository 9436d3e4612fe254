/**
 * ARM's authorization step: after authentication, the caller's role assignments (src/rbac) must
 * grant the route's action at the resource's scope, or ARM answers 403 AuthorizationFailed in
 * the words Azure uses (recorded in Azure SDK test recordings and countless issue reports):
 * "The client '<upn>' with object id '<oid>' does not have authorization to perform action
 * '<action>' over scope '<scope>' or the scope is invalid. If access was recently granted, please
 * refresh your credentials."
 */
import type { ArmCaller } from "./arm-auth";
import { ArmError } from "./arm-errors";
import { principalOf } from "../rbac";

/** How ARM names the caller: a user's sign-in name, else (service principals) the object id. */
export const clientName = (caller: ArmCaller): string => principalOf(caller.claims).displayName;

export const authorizationFailed = (caller: ArmCaller, action: string, scope: string) =>
  new ArmError(
    403,
    "AuthorizationFailed",
    `The client '${clientName(caller)}' with object id '${caller.oid}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );

/**
 * The scope a request acts on: the resource the path names. A POST names an action of the
 * resource (…/listKeys, …/activate), so its scope is the resource without that last segment.
 */
export function requestScope(method: string, segments: readonly string[]): string {
  const named = method === "POST" ? segments.slice(0, -1) : segments;
  return `/${named.map((s) => decodeURIComponent(s)).join("/")}`;
}
