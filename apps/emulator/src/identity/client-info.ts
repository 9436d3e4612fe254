import { LOCAL_TENANT_ID } from "../local-azure-constants";

/**
 * Entra's `client_info` token-response field: base64url JSON {uid, utid}. MSAL builds the
 * account's homeAccountId ("<oid>.<tid>") from it; without it MSAL falls back to `sub`.
 */
export function clientInfo(oid: string): string {
  return Buffer.from(JSON.stringify({ uid: oid, utid: LOCAL_TENANT_ID })).toString("base64url");
}
