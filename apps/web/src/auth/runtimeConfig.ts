import { apiUrl, type RuntimeConfig } from "@batch-studio/shared";

/**
 * What the SPA needs to sign in comes from the BFF at runtime (GET /api/config), so one build runs
 * against Entra ID and against the local identity provider. The shape is the shared API contract.
 */
export type { RuntimeConfig };

export const RUNTIME_CONFIG_PATH = apiUrl("config", {});

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
