import type {
  Configuration,
  KoaContextWithOIDC,
  AccessToken,
  ClientCredentials,
  JWTStructured,
} from "oidc-provider";
import { errors } from "oidc-provider";
import { BFF_CLIENT_ID, LOCAL_TENANT_ID, SPA_CLIENT_ID } from "../local-azure-constants";
import type { IdentitySecrets } from "./keys";
import { stableGuid, type OperatorDirectory } from "./operators";
import {
  resolveScopes,
  resourceByIdentifier,
  resourceServerInfo,
  ACCESS_TOKEN_TTL_SECONDS,
} from "./resources";
import { loadOrCreateFirstPartyGrant } from "./first-party-consent";
import { errorPage, logoutPage, signedOutPage } from "./sign-in-page";
import type { Adapter } from "oidc-provider";

export interface ProviderConfigInput {
  mountPath: string;
  spaOrigins: string[];
  bffClientSecret: string;
  secrets: IdentitySecrets;
  operators: OperatorDirectory;
  adapter: (model: string) => Adapter;
}

/** The object id of a first-party app's service principal (app-only tokens carry it as oid/sub). */
export function servicePrincipalOid(clientId: string): string {
  return stableGuid(LOCAL_TENANT_ID, `service-principal:${clientId}`);
}

export function spaRedirectUris(spaOrigins: string[]): string[] {
  return spaOrigins.flatMap((o) => [`${o}/`, `${o}/redirect.html`]);
}

export function spaPostLogoutRedirectUris(spaOrigins: string[]): string[] {
  return spaOrigins.map((o) => `${o}/`);
}

/** Entra v2's access-token claims on top of what oidc-provider puts in a JWT access token. */
function entraClaims(operators: OperatorDirectory) {
  return (_ctx: KoaContextWithOIDC, token: AccessToken | ClientCredentials, parts: JWTStructured): void => {
    const payload = parts.payload as Record<string, unknown>;
    const identifier = token.resourceServer?.identifier();
    const resource = identifier ? resourceByIdentifier(identifier) : undefined;
    payload.tid = LOCAL_TENANT_ID;
    payload.ver = "2.0";
    payload.azp = token.clientId;
    if (token.kind === "ClientCredentials") {
      const oid = servicePrincipalOid(String(token.clientId));
      payload.oid = oid;
      payload.sub = oid;
      payload.idtyp = "app";
      payload.roles = [];
      return;
    }
    const accountId = String((token as AccessToken).accountId);
    const operator = operators.get(accountId);
    payload.oid = accountId;
    if (operator) {
      payload.name = operator.name;
      payload.preferred_username = operator.username;
    }
    if (resource) payload.scp = resource.delegatedScp;
  };
}

export function buildProviderConfig(input: ProviderConfigInput): Configuration {
  const { mountPath, spaOrigins, operators, secrets } = input;
  const assets = `${mountPath}/assets`;
  return {
    adapter: input.adapter,
    clients: [
      {
        client_id: SPA_CLIENT_ID,
        client_name: "Batch Studio",
        application_type: "web",
        token_endpoint_auth_method: "none",
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        redirect_uris: spaRedirectUris(spaOrigins),
        post_logout_redirect_uris: spaPostLogoutRedirectUris(spaOrigins),
      },
      {
        client_id: BFF_CLIENT_ID,
        client_name: "Batch Studio API (BFF)",
        client_secret: input.bffClientSecret,
        token_endpoint_auth_method: "client_secret_post",
        grant_types: ["urn:ietf:params:oauth:grant-type:jwt-bearer", "client_credentials"],
        response_types: [],
        redirect_uris: [],
      },
    ],
    jwks: { keys: secrets.signingKeys as never[] },
    cookies: { keys: secrets.cookieKeys },
    scopes: ["openid", "offline_access", "profile", "email"],
    claims: { openid: ["sub", "oid", "tid"], profile: ["name", "preferred_username"], email: ["email"] },
    conformIdTokenClaims: false,
    responseTypes: ["code"],
    async findAccount(_ctx, sub) {
      const operator = operators.get(sub);
      if (!operator) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          oid: sub,
          tid: LOCAL_TENANT_ID,
          name: operator.name,
          preferred_username: operator.username,
          email: operator.username,
        }),
      };
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx, form) {
          ctx.type = "html";
          ctx.body = logoutPage(form, assets);
        },
        postLogoutSuccessSource(ctx) {
          ctx.type = "html";
          ctx.body = signedOutPage(assets);
        },
      },
      resourceIndicators: {
        enabled: true,
        // MSAL never sends `resource`; infer it from the scope as Entra does.
        defaultResource(ctx, _client, oneOf) {
          if (oneOf) return oneOf;
          const resolution = resolveScopes(ctx.oidc.params?.scope as string | undefined);
          return resolution.kind === "one" ? resolution.resource.identifier : undefined;
        },
        // Without this, a code exchange that includes `openid` yields an opaque userinfo token.
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, indicator, client) {
          const resource = resourceByIdentifier(indicator);
          const info = resource && resourceServerInfo(resource, client.clientId);
          if (!info)
            throw new errors.InvalidTarget(
              `client ${client.clientId} may not request tokens for ${indicator}`,
            );
          return info;
        },
      },
    },
    formats: { customizers: { jwt: entraClaims(operators) } },
    pkce: { required: () => true },
    clientBasedCORS: (_ctx, origin) => spaOrigins.includes(origin),
    interactions: { url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
    // Entra always gives SPAs a refresh token; MSAL never sends prompt=consent (pitfall 4a).
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    loadExistingGrant: loadOrCreateFirstPartyGrant,
    renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = errorPage({ ...out }, assets);
    },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      ClientCredentials: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 600,
      IdToken: ACCESS_TOKEN_TTL_SECONDS,
      Interaction: 3600,
      // Entra: SPA refresh tokens live 24 hours; others up to 90 days.
      RefreshToken: (_ctx, _token, client) =>
        client.clientAuthMethod === "none" ? 24 * 3600 : 14 * 24 * 3600,
      Session: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
    },
  };
}
