/**
 * What the SPA needs to sign in, served by the BFF at runtime (GET /api/config) so one build runs
 * against Entra ID and against the local identity provider. Only public values: a client id and
 * URLs, never a secret.
 */
export interface RuntimeConfig {
  auth: {
    clientId: string;
    /** https-shaped authority, e.g. https://login.microsoftonline.com/<tenant>. */
    authority: string;
    /** host[:port] of the authority, so MSAL skips Microsoft's instance discovery. */
    knownAuthorities: string[];
    /** OpenID metadata as a JSON string: set for the local plain-http IdP so MSAL does no discovery. */
    authorityMetadata?: string;
    /** The BFF API scope(s), e.g. api://<bff-app-id>/access_as_user. */
    scopes: string[];
  };
}

export const RUNTIME_CONFIG_PATH = "/api/config";

export async function loadRuntimeConfig(fetchImpl: typeof fetch = fetch): Promise<RuntimeConfig> {
  const res = await fetchImpl(RUNTIME_CONFIG_PATH, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`The portal's configuration could not be loaded (${res.status} from ${RUNTIME_CONFIG_PATH}).`);
  const body = (await res.json()) as Partial<RuntimeConfig>;
  const auth = body.auth;
  if (!auth?.clientId || !auth.authority || !Array.isArray(auth.scopes)) {
    throw new Error(`${RUNTIME_CONFIG_PATH} is missing auth.clientId, auth.authority or auth.scopes.`);
  }
  return { auth: { ...auth, knownAuthorities: auth.knownAuthorities ?? [] } };
}
