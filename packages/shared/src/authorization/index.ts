export { actionMatches, grants } from "./action-match";
export { PermissionBlock, permits, missingPermissions, type ActionKind, type AzureAction } from "./permissions";
export { routeAuthorization, routeNeeds, type RouteAuthorization } from "./route-actions";
