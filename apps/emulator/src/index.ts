export * from "./local-azure-constants";
export {
  startLocalAzure,
  type LocalAzure,
  type LocalAzureOptions,
  type LocalAzureEndpoints,
  type LocalBatchAccount,
  type LocalAzurePorts,
} from "./local-azure";
export {
  startIdentity,
  SEEDED_OPERATORS,
  type LocalIdentity,
  type IdentityOptions,
  type Operator,
} from "./identity";
export { startArm, lookupGalleryImage, type LocalArm, type ArmOptions } from "./arm";
export { DEFAULT_SEED, type LocalAzureSeed } from "./seed";
export { operatorForTypedName } from "./identity/operators";
export {
  AccessControl,
  BUILT_IN_ROLES,
  seededRoleAssignments,
  type RoleAssignmentInput,
  type RoleDefinition,
  type Permission,
} from "./rbac";
export { DATA_PLANE_PERMISSIONS, type DataPlanePermission } from "./batch/auth/data-plane-actions";
export { headlessSignIn, CookieJar, type SpaTokens } from "./identity/headless-sign-in";
export { allowBearerOverLoopbackHttp } from "./arm/loopback-bearer";
export { PortInUseError } from "./listen";
export { startBatchAccount, type BatchAccountOptions, type BatchAccountHandle } from "./batch";
export { startAzurite, type RunningAzurite } from "./storage/azurite";
