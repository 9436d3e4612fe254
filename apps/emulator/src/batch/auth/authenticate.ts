/** Who signed a request: the account key or a bearer token. Pools with gallery images need the latter. */
import { batchError } from "../http/batch-error";
import type { BearerVerifier } from "./bearer";
import { verifySharedKey, type SignedRequest } from "./shared-key";

export type AuthKind = "sharedKey" | "bearer";

/** The verified caller: the key holder, or a token's principal (its claims, for role checks). */
export type Authenticated = { kind: "sharedKey" } | { kind: "bearer"; claims: Record<string, unknown> };

export interface AccountCredentials {
  account: string;
  key: Buffer;
  bearer?: BearerVerifier;
}

export async function authenticate(req: SignedRequest, creds: AccountCredentials): Promise<Authenticated> {
  const raw = req.headers.authorization;
  if (!raw)
    throw batchError(401, "AuthenticationFailed", [
      { key: "AuthenticationErrorDetail", value: "The request carries no Authorization header." },
    ]);
  const space = raw.indexOf(" ");
  const scheme = (space < 0 ? raw : raw.slice(0, space)).toLowerCase();
  const value = space < 0 ? "" : raw.slice(space + 1).trim();
  if (scheme === "sharedkey") {
    verifySharedKey(req, value, creds.account, creds.key);
    return { kind: "sharedKey" };
  }
  if (scheme === "bearer") {
    if (!creds.bearer)
      throw batchError(401, "AuthenticationFailed", [
        {
          key: "AuthenticationErrorDetail",
          value: "This endpoint has no token issuer configured; use SharedKey.",
        },
      ]);
    return { kind: "bearer", claims: await creds.bearer(value) };
  }
  throw batchError(400, "InvalidAuthenticationInfo", [
    { key: "Reason", value: "Authorization must use the SharedKey or Bearer scheme." },
  ]);
}
