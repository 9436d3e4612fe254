import express from "express";
import type { Server } from "node:http";
import { join } from "node:path";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";
import {
  DEFAULT_BFF_CLIENT_SECRET,
  DEFAULT_HOST,
  DEFAULT_SPA_ORIGINS,
  LOCAL_TENANT_ID,
  SPA_CLIENT_ID,
  BFF_CLIENT_ID,
} from "../local-azure-constants";
import { loadOrCreateSecrets, publicJwks } from "./keys";
import { OperatorDirectory } from "./operators";
import { PersistentStore } from "./persistent-adapter";
import { buildProviderConfig, spaPostLogoutRedirectUris } from "./provider-config";
import { registerOnBehalfOfGrant } from "./obo-grant";
import { signInAssets, signInRouter } from "./sign-in-page";
import { clientInfo } from "./client-info";
import { listen, type TlsFiles } from "../listen";

export interface IdentityOptions {
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  /** Keys, cookie secrets, sessions and refresh tokens are kept under `<dataDir>/identity`. */
  dataDir: string;
  /** Origins of the SPA (redirect URIs, post-logout URIs and CORS), e.g. "http://localhost:4300". */
  spaOrigins?: string[];
  bffClientSecret?: string;
  /**
   * Serve https with this certificate (the https option in docs/azure-batch-notes.md#local-identity-for-msal:
   * e.g. one made by mkcert for 127.0.0.1). The issuer and endpoints are then https, and MSAL can
   * discover them itself.
   */
  tls?: TlsFiles;
}

export interface LocalIdentity {
  tenantId: string;
  /** Origin of the listener, e.g. http://127.0.0.1:4400. */
  url: string;
  /** Token `iss`: http(s)://<host>:<port>/<tenant>/v2.0 (plain http on loopback unless tls is given). */
  issuer: string;
  /** The https-shaped authority MSAL needs (it is only a string; nothing listens on https). */
  authority: string;
  /** JSON string for MSAL's `authorityMetadata`, with the real (http) endpoints. */
  authorityMetadata: string;
  jwksUri: string;
  /** MSAL `knownAuthorities`, e.g. ["127.0.0.1:4400"]. */
  knownAuthorities: string[];
  close(): Promise<void>;
}

/** Removes `offline_access` from refresh requests: oidc-provider refuses a scope that was never granted (pitfall 4b). */
function stripOfflineAccessOnRefresh(
  req: express.Request,
  _res: express.Response,
  next: express.NextFunction,
): void {
  const body = req.body as Record<string, unknown> | undefined;
  if (body && body.grant_type === "refresh_token" && typeof body.scope === "string") {
    body.scope = body.scope
      .split(" ")
      .filter((s) => s && s !== "offline_access")
      .join(" ");
  }
  next();
}

/**
 * msal-browser's logoutRedirect sends post_logout_redirect_uri without client_id or id_token_hint,
 * so oidc-provider would ignore the URI. Name the SPA when the URI is one of its own (pitfall 6).
 */
function nameSpaOnLogout(spaOrigins: string[]) {
  const allowed = new Set(spaPostLogoutRedirectUris(spaOrigins));
  return (req: express.Request, _res: express.Response, next: express.NextFunction): void => {
    const url = new URL(req.originalUrl, "http://local");
    const target = url.searchParams.get("post_logout_redirect_uri");
    if (
      target &&
      allowed.has(target) &&
      !url.searchParams.has("client_id") &&
      !url.searchParams.has("id_token_hint")
    ) {
      url.searchParams.set("client_id", SPA_CLIENT_ID);
      req.url = req.originalUrl = `${url.pathname}${url.search}`;
    }
    next();
  };
}

/** Adds Entra's client_info and ext_expires_in to every token response that carries an id_token. */
async function entraTokenResponse(ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> {
  await next();
  const body = ctx.body as Record<string, unknown> | undefined;
  if (ctx.oidc?.route !== "token" || !body || typeof body !== "object" || !("access_token" in body)) return;
  if (typeof body.expires_in === "number" && body.ext_expires_in === undefined)
    body.ext_expires_in = body.expires_in;
  if (typeof body.id_token === "string" && body.client_info === undefined) {
    const payload = JSON.parse(
      Buffer.from(body.id_token.split(".")[1] ?? "", "base64url").toString("utf8"),
    ) as { sub?: string };
    if (payload.sub) body.client_info = clientInfo(payload.sub);
  }
}

export async function startIdentity(options: IdentityOptions): Promise<LocalIdentity> {
  const host = options.host ?? DEFAULT_HOST;
  const spaOrigins = (options.spaOrigins ?? DEFAULT_SPA_ORIGINS).map((o) => o.replace(/\/+$/, ""));
  const dir = join(options.dataDir, "identity");
  const secrets = loadOrCreateSecrets(join(dir, "secrets.json"));
  const operators = new OperatorDirectory(join(dir, "operators.json"));
  const store = new PersistentStore(join(dir, "store"));
  await store.open();

  const app = express();
  app.disable("x-powered-by");
  // The issuer contains the port, so listen first (port 0 in tests) and mount the provider after.
  let server: Server;
  try {
    server = await listen(app, options.port, host, "identity", options.tls);
  } catch (err) {
    await store.close();
    throw err;
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const hostForUrl = host.includes(":") ? `[${host}]` : host;
  const url = `${options.tls ? "https" : "http"}://${hostForUrl}:${port}`;
  const mountPath = `/${LOCAL_TENANT_ID}/v2.0`;
  const issuer = `${url}${mountPath}`;

  const provider = new Provider(
    issuer,
    buildProviderConfig({
      mountPath,
      spaOrigins,
      bffClientSecret: options.bffClientSecret ?? DEFAULT_BFF_CLIENT_SECRET,
      secrets,
      operators,
      adapter: store.adapterFor,
    }),
  );
  provider.proxy = false;
  registerOnBehalfOfGrant(provider, publicJwks(secrets), operators);
  provider.use(entraTokenResponse);

  app.get("/health", (_req, res) => {
    res.json({ status: "ok", issuer });
  });
  app.use(`${mountPath}/assets`, signInAssets());
  app.use(
    `${mountPath}/interaction`,
    signInRouter(provider, operators, mountPath, {
      [SPA_CLIENT_ID]: "Batch Studio",
      [BFF_CLIENT_ID]: "Batch Studio API",
    }),
  );
  app.post(
    `${mountPath}/token`,
    express.urlencoded({ extended: false, limit: "64kb" }),
    stripOfflineAccessOnRefresh,
  );
  app.get(`${mountPath}/session/end`, nameSpaOnLogout(spaOrigins));
  app.use(mountPath, provider.callback());

  const authority = `https://${hostForUrl}:${port}/${LOCAL_TENANT_ID}`;
  const metadata = {
    issuer,
    authorization_endpoint: `${issuer}/auth`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks`,
    end_session_endpoint: `${issuer}/session/end`,
    userinfo_endpoint: `${issuer}/me`,
  };

  return {
    tenantId: LOCAL_TENANT_ID,
    url,
    issuer,
    authority,
    authorityMetadata: JSON.stringify(metadata),
    jwksUri: metadata.jwks_uri,
    knownAuthorities: [`${hostForUrl}:${port}`],
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
