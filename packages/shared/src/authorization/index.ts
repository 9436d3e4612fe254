export { actionMatches, grants } from "./action-match";
export { AzureAction, PermissionBlock, permits, missingPermissions, type ActionKind, type Grants } from "./permissions";
export { ACCOUNT_READ, refusedRoutes, routeAuthorization, routeNeeds, type RouteAuthorization } from "./route-actions";
