import {
  ARM_RESOURCE,
  BATCH_RESOURCE,
  BFF_API_RESOURCE,
  BFF_CLIENT_ID,
  SPA_CLIENT_ID,
} from "../local-azure-constants";

/**
 * The APIs the local tenant issues tokens for. MSAL never sends a `resource` parameter, so the
 * resource is inferred from the scope the way Entra does it: `<resource>/.default` or
 * `<resource>/<permission>`. Spellings with and without the trailing slash name the same resource
 * (`https://management.azure.com/.default` as @azure/arm-compute asks, and
 * `https://management.azure.com//.default` as the Entra docs write it).
 */
export interface KnownResource {
  /** The resource indicator oidc-provider tracks (one per API). */
  identifier: string;
  /** The `aud` claim. Entra v2 API tokens carry the API's client id. */
  audience: string;
  /** Every scope spelling accepted for this resource. */
  scopes: string[];
  /** The `scp` claim of delegated (user) tokens. */
  delegatedScp: string;
  /** Clients allowed to get tokens for it (first-party apps with admin consent, locally). */
  clients: string[];
}

function scopeSpellings(resource: string, permissions: string[]): string[] {
  const bare = resource.replace(/\/+$/, "");
  return permissions.flatMap((p) => [`${bare}/${p}`, `${bare}//${p}`]);
}

export const KNOWN_RESOURCES: readonly KnownResource[] = [
  {
    identifier: BFF_API_RESOURCE,
    audience: BFF_CLIENT_ID,
    scopes: [`${BFF_API_RESOURCE}/access_as_user`, `${BFF_API_RESOURCE}/.default`],
    delegatedScp: "access_as_user",
    clients: [SPA_CLIENT_ID],
  },
  {
    identifier: BATCH_RESOURCE,
    audience: BATCH_RESOURCE,
    scopes: scopeSpellings(BATCH_RESOURCE, [".default", "user_impersonation"]),
    delegatedScp: "user_impersonation",
    clients: [BFF_CLIENT_ID],
  },
  {
    identifier: ARM_RESOURCE,
    audience: ARM_RESOURCE,
    scopes: scopeSpellings(ARM_RESOURCE, [".default", "user_impersonation"]),
    delegatedScp: "user_impersonation",
    clients: [BFF_CLIENT_ID],
  },
];

/** Scopes that belong to OpenID Connect itself rather than to an API. */
export const OIDC_SCOPES = new Set(["openid", "profile", "email", "offline_access"]);

function normalize(resource: string): string {
  return resource.replace(/\/+$/, "").toLowerCase();
}

/** The API a single scope string belongs to, or undefined when it names no known API. */
export function resourceForScope(scope: string): KnownResource | undefined {
  const slash = scope.lastIndexOf("/");
  if (slash <= 0) return undefined;
  const base = normalize(scope.slice(0, slash));
  return KNOWN_RESOURCES.find((r) => normalize(r.identifier) === base);
}

export function resourceByIdentifier(identifier: string): KnownResource | undefined {
  return KNOWN_RESOURCES.find((r) => normalize(r.identifier) === normalize(identifier));
}

export type ScopeResolution =
  | { kind: "none" }
  | { kind: "one"; resource: KnownResource; scopes: string[] }
  | { kind: "error"; message: string };

/**
 * Splits a space-separated scope parameter into OIDC scopes and exactly one API, as Entra
 * requires (AADSTS28000: one resource per token request).
 */
export function resolveScopes(scopeParam: string | undefined): ScopeResolution {
  const apiScopes = (scopeParam ?? "").split(" ").filter((s) => s && !OIDC_SCOPES.has(s));
  if (apiScopes.length === 0) return { kind: "none" };
  const resources = new Set<KnownResource>();
  for (const s of apiScopes) {
    const r = resourceForScope(s);
    if (!r) return { kind: "error", message: `scope "${s}" names no API known to this tenant` };
    if (!r.scopes.includes(s))
      return { kind: "error", message: `scope "${s}" is not a permission of ${r.identifier}` };
    resources.add(r);
  }
  if (resources.size > 1) {
    return {
      kind: "error",
      message: "scopes of more than one resource were requested; ask for one resource per token request",
    };
  }
  const [resource] = [...resources];
  return { kind: "one", resource: resource!, scopes: apiScopes };
}

/** Lifetime of access tokens, as Entra's default (60–90 minutes; 60 here so tests see one number). */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;

/**
 * What oidc-provider needs to mint a JWT access token for `resource` to `clientId`, or undefined
 * when that client may not call it (first-party apps only, like admin consent in a real tenant).
 */
export function resourceServerInfo(resource: KnownResource, clientId: string) {
  if (!resource.clients.includes(clientId)) return undefined;
  return {
    audience: resource.audience,
    scope: resource.scopes.join(" "),
    accessTokenFormat: "jwt" as const,
    accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
    jwt: { sign: { alg: "RS256" as const } },
  };
}
