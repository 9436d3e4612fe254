export { actionMatches, grants } from "@batch-studio/shared";
export { principalOf, type Principal } from "./principal";
export { AccessControl, scopeContains, type ActionKind } from "./access-control";
export {
  BUILT_IN_ROLES,
  CONTRIBUTOR,
  READER,
  BATCH_JOB_SUBMITTER,
  BATCH_DATA_CONTRIBUTOR,
  roleNamed,
  type Permission,
  type RoleDefinition,
} from "./role-definitions";
export {
  seededRoleAssignments,
  subscriptionScope,
  batchAccountScope,
  type RoleAssignment,
  type RoleAssignmentInput,
  type SeedAssignmentOptions,
} from "./role-assignments";
