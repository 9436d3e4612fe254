import { ConfidentialClientApplication, InteractionRequiredAuthError, LogLevel, type Configuration } from "@azure/msal-node";
import { problemCodes } from "@batch-studio/shared";
import type { Logger } from "pino";
import type { BffConfig } from "../config";
import { ExpiringCache } from "../http/expiring-cache";
import { problem, type HttpProblem } from "../http/problem";
import type { Operator } from "./token-verifier";

/**
 * The v2 scopes keep the resource's trailing slash, hence the double slash
 * (docs/azure-batch-notes.md#identity-and-on-behalf-of).
 */
export const BATCH_SCOPE = "https://batch.core.windows.net//.default";
export const ARM_SCOPE = "https://management.azure.com//.default";
export type DownstreamScope = typeof BATCH_SCOPE | typeof ARM_SCOPE;

export interface DownstreamToken {
  token: string;
  expiresOnMs: number;
}

/** Refresh a little before expiry so a token never dies between "got it" and "Batch read it". */
const EARLY_REFRESH_MS = 5 * 60_000;
const MAX_CACHED_USERS = 5_000;

const msalCredential = (config: BffConfig): Pick<Configuration["auth"], "clientSecret" | "clientCertificate"> => {
  if ("secret" in config.clientCredential) return { clientSecret: config.clientCredential.secret };
  const { thumbprint, privateKey } = config.clientCredential.certificate;
  return thumbprint.length === 64 ? { clientCertificate: { thumbprintSha256: thumbprint, privateKey } } : { clientCertificate: { thumbprint, privateKey } };
};

/**
 * Turns the operator's API token into Batch and ARM tokens through MSAL's on-behalf-of flow.
 * MSAL keeps its own cache (keyed by the assertion); in front of it a small map keyed by
 * oid + scope answers the hot path without hashing the assertion on every request.
 */
export class OnBehalfOfTokens {
  private readonly msal: ConfidentialClientApplication;
  private readonly cache: ExpiringCache<string, DownstreamToken>;
  private readonly inflight = new Map<string, Promise<DownstreamToken>>();

  constructor(
    private readonly config: BffConfig,
    logger: Logger,
    options: { maxCachedTokens?: number; now?: () => number } = {},
  ) {
    this.cache = new ExpiringCache(options.maxCachedTokens ?? MAX_CACHED_USERS, options.now);
    const auth: Configuration["auth"] = {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
      ...msalCredential(config),
    };
    if (config.authorityMetadata !== undefined) auth.authorityMetadata = config.authorityMetadata;
    this.msal = new ConfidentialClientApplication({
      auth,
      system: {
        loggerOptions: {
          // MSAL's own messages never include tokens at piiLoggingEnabled=false.
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          loggerCallback: (_level, message) => logger.debug({ msal: message }, "msal"),
        },
      },
    });
  }

  async tokenFor(operator: Operator, scope: DownstreamScope): Promise<DownstreamToken> {
    const key = `${operator.tenantId}.${operator.oid}|${scope}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    // One exchange per user and scope at a time: concurrent first requests share it.
    const running = this.inflight.get(key);
    if (running) return running;
    const pending = this.acquire(operator, scope)
      .then((token) => {
        this.cache.set(key, token, token.expiresOnMs - EARLY_REFRESH_MS);
        return token;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, pending);
    return pending;
  }

  /** The exchange itself (MSAL, which keeps its own cache keyed by the assertion). */
  protected async acquire(operator: Operator, scope: DownstreamScope): Promise<DownstreamToken> {
    try {
      const result = await this.msal.acquireTokenOnBehalfOf({ oboAssertion: operator.assertion, scopes: [scope] });
      if (!result?.accessToken) throw new Error("on-behalf-of returned no token");
      return { token: result.accessToken, expiresOnMs: result.expiresOn?.getTime() ?? Date.now() + 30 * 60_000 };
    } catch (err) {
      throw oboProblem(err, scope);
    }
  }
}

interface MsalErrorShape {
  errorCode?: string;
  subError?: string;
  errorMessage?: string;
  claims?: string;
}

/** MSAL failures the SPA can fix by prompting again become 401/403 problems it recognises. */
export const oboProblem = (err: unknown, scope: string): HttpProblem => {
  const e = (err ?? {}) as MsalErrorShape;
  const text = `${e.errorCode ?? ""} ${e.subError ?? ""} ${e.errorMessage ?? ""}`;
  if (e.subError === "consent_required" || e.errorCode === "consent_required" || /AADSTS65001/.test(text)) {
    return problem(403, problemCodes.consentRequired, "Consent is needed before the portal can act for you", {
      detail: `Grant the portal access to ${scope} (an administrator may need to consent)`,
      scopes: [scope],
    });
  }
  if (err instanceof InteractionRequiredAuthError || /interaction_required|login_required|invalid_grant/.test(text)) {
    const extras: { detail: string; scopes: string[]; claims?: string } = {
      detail: "Your sign-in must be refreshed interactively",
      scopes: [scope],
    };
    if (e.claims) extras.claims = e.claims;
    return problem(401, problemCodes.interactionRequired, "Sign in again to continue", extras, {
      "www-authenticate": `Bearer error="insufficient_claims"`,
    });
  }
  return problem(502, problemCodes.upstreamUnavailable, "Could not get a token for Azure on your behalf", {
    detail: e.errorCode ?? "token request failed",
  });
};
