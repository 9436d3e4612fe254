import type { Parsed } from "../../grammar/parsed";

/** The parts of a user-assigned managed identity's ARM resource id. */
export interface UserAssignedIdentityId {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

const EXAMPLE =
  "/subscriptions/{subscription guid}/resourceGroups/{resource group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}";
const GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
// Azure naming rules: resource groups are 1-90 of letters, digits, _ - . ( ) and do not end in a
// period; user-assigned identities are 3-128 of letters, digits, - and _, starting alphanumeric.
const RESOURCE_GROUP = "[\\w\\-.()]{0,89}[\\w\\-()]";
const NAME = "[a-z0-9][\\w-]{2,127}";
// ARM segment names and GUIDs are case-insensitive.
const IDENTITY_ID = new RegExp(
  `^/subscriptions/(${GUID})/resourceGroups/(${RESOURCE_GROUP})/providers/Microsoft\\.ManagedIdentity/userAssignedIdentities/(${NAME})$`,
  "i",
);

export const parseUserAssignedIdentityId = (id: string): Parsed<UserAssignedIdentityId> => {
  const trimmed = id.trim();
  if (trimmed === "") return { ok: false, reason: "the identity's resource id is empty" };
  if (/^https?:\/\//i.test(trimmed))
    return { ok: false, reason: `use the resource id (${EXAMPLE}), not a URL` };
  if (/^[0-9a-f-]{36}$/i.test(trimmed))
    return {
      ok: false,
      reason: `this looks like a client or principal id; use the identity's resource id (${EXAMPLE})`,
    };
  const match = IDENTITY_ID.exec(trimmed);
  if (!match) {
    const hint = /\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\//i.test(trimmed)
      ? "check the subscription guid, resource group and identity name; "
      : "";
    return { ok: false, reason: `${hint}expected ${EXAMPLE}` };
  }
  return { ok: true, value: { subscriptionId: match[1]!, resourceGroup: match[2]!, name: match[3]! } };
};
