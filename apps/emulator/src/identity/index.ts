export { startIdentity, type IdentityOptions, type LocalIdentity } from "./identity-server";
export { SEEDED_OPERATORS, operatorForTypedName, stableGuid, type Operator } from "./operators";
export { servicePrincipalOid } from "./provider-config";
export { JWT_BEARER_GRANT } from "./obo-grant";
