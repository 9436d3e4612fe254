import { createLocalJWKSet, jwtVerify, type JWTPayload } from "jose";
import { errors, type TokenEndpointGrantContext } from "oidc-provider";
import type Provider from "oidc-provider";
import { resolveScopes, OIDC_SCOPES } from "./resources";
import { resourceServerInfo } from "./resources";
import type { OperatorDirectory } from "./operators";
import { clientInfo } from "./client-info";
import { LOCAL_TENANT_ID } from "../local-azure-constants";

export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

interface OboParams {
  assertion?: string;
  requested_token_use?: string;
}

/**
 * Entra's on-behalf-of flow: a confidential client trades a user's access token issued *to it*
 * (aud = its client id or api://<its id>) for a token to another API, for the same user.
 * oidc-provider has no such grant, so it is registered as a custom grant type.
 */
export function registerOnBehalfOfGrant(
  provider: Provider,
  publicJwks: { keys: Record<string, unknown>[] },
  operators: OperatorDirectory,
): void {
  const keySet = createLocalJWKSet(publicJwks as Parameters<typeof createLocalJWKSet>[0]);

  async function handler(ctx: TokenEndpointGrantContext<OboParams>): Promise<void> {
    const { client, params } = ctx.oidc;
    if (client.clientAuthMethod === "none") {
      throw new errors.UnauthorizedClient("on-behalf-of requires a confidential client");
    }
    if (params.requested_token_use !== "on_behalf_of") {
      throw new errors.InvalidRequest("requested_token_use must be on_behalf_of");
    }
    if (!params.assertion) throw new errors.InvalidRequest("missing required parameter 'assertion'");

    let user: JWTPayload;
    try {
      ({ payload: user } = await jwtVerify(params.assertion, keySet, {
        issuer: provider.issuer,
        audience: [client.clientId, `api://${client.clientId}`],
        typ: "at+jwt",
      }));
    } catch {
      throw new errors.InvalidGrant("the assertion is not a valid access token issued to this client");
    }
    if (!user.sub || user.idtyp === "app") throw new errors.InvalidGrant("the assertion is not a user token");

    const resolution = resolveScopes(params.scope);
    if (resolution.kind === "error") throw new errors.InvalidScope(resolution.message, params.scope ?? "");
    if (resolution.kind === "none")
      throw new errors.InvalidScope(
        "scope must name one API, e.g. https://batch.core.windows.net//.default",
        params.scope ?? "",
      );
    const { resource, scopes } = resolution;
    const info = resourceServerInfo(resource, client.clientId);
    if (!info)
      throw new errors.InvalidTarget(`client ${client.clientId} may not call ${resource.identifier}`);

    const accessToken = new provider.AccessToken({
      accountId: user.sub,
      client,
      scope: scopes.join(" "),
      gty: JWT_BEARER_GRANT,
      resourceServer: new provider.ResourceServer(resource.identifier, info),
    } as unknown as ConstructorParameters<typeof provider.AccessToken>[0]);
    const value = await accessToken.save();

    const requested = new Set((params.scope ?? "").split(" "));
    const body: Record<string, unknown> = {
      token_type: "Bearer",
      scope: scopes.join(" "),
      expires_in: accessToken.expiration,
      ext_expires_in: accessToken.expiration,
      access_token: value,
    };
    // Entra answers OBO with an id_token and client_info when openid is asked; msal-node needs
    // them to cache the token under the user's account instead of an app-wide entry.
    if (requested.has("openid")) {
      const operator = operators.get(user.sub);
      const idToken = new provider.IdToken(
        {
          sub: user.sub,
          oid: user.sub,
          tid: LOCAL_TENANT_ID,
          name: operator?.name ?? user.name,
          preferred_username: operator?.username ?? user.preferred_username,
          email: operator?.username ?? user.preferred_username,
        },
        { ctx },
      );
      (idToken as unknown as { scope: string }).scope = [...requested]
        .filter((s) => OIDC_SCOPES.has(s))
        .join(" ");
      body.id_token = await idToken.issue({ use: "idtoken" });
      body.client_info = clientInfo(user.sub);
    }
    ctx.body = body;
  }

  provider.registerGrantType<OboParams>(JWT_BEARER_GRANT, handler, [
    "assertion",
    "requested_token_use",
    "scope",
  ]);
}
