import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import { problemCodes } from "@batch-studio/shared";
import type { BffConfig } from "../config";
import { ExpiringCache } from "../http/expiring-cache";
import { problem, type HttpProblem } from "../http/problem";
import type { OpenIdMetadata } from "./openid-metadata";

/** The signed-in operator, from a verified API access token. */
export interface Operator {
  oid: string;
  tenantId: string;
  name?: string;
  username?: string;
  scopes: string[];
  /** The raw API token: the assertion for on-behalf-of. Never logged, never returned. */
  assertion: string;
}

export const REQUIRED_SCOPE = "access_as_user";
const MAX_VERIFIED_TOKENS = 10_000;
const BEARER = "Bearer ";

export interface TokenVerifierOptions {
  /** Bound of the verified-token cache. */
  maxCachedTokens?: number;
  /** The clock (epoch ms) for the cache and for jose's exp/nbf checks; tests move it. */
  now?: () => number;
}

const challenge = (error: string, description: string, config: Pick<BffConfig, "clientId">) =>
  `Bearer realm="batch-studio", error="${error}", error_description="${description}", scope="api://${config.clientId}/${REQUIRED_SCOPE}"`;

export const unauthenticated = (config: Pick<BffConfig, "clientId">, description: string, error = "invalid_token"): HttpProblem =>
  problem(
    401,
    error === "invalid_token" ? problemCodes.invalidToken : problemCodes.unauthenticated,
    "Sign in again: the access token was missing or not accepted",
    { detail: description },
    { "www-authenticate": challenge(error, description, config) },
  );

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * Verifies API bearer tokens with jose: signature against the authority's JWKS, issuer,
 * audience, exp and nbf. `typ` is not pinned (Entra sends "JWT", the local identity "at+jwt").
 */
export const createTokenVerifier = (config: BffConfig, metadata: () => Promise<OpenIdMetadata>, options: TokenVerifierOptions = {}) => {
  const now = options.now ?? Date.now;
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  // A token already verified is trusted until its own exp (checked on every hit, no clock
  // tolerance): this skips the RSA check on the hot path. The exact token string is the key, so
  // nothing about it can have changed, and one user's entry can never answer for another's token.
  const verified = new ExpiringCache<string, Operator>(options.maxCachedTokens ?? MAX_VERIFIED_TOKENS, now);
  return async (authorization: string | undefined): Promise<Operator> => {
    // A cache hit needs no syntax check: only exact strings that passed it (and jose) are cached.
    const hit = authorization?.startsWith(BEARER) ? verified.get(authorization.slice(BEARER.length)) : undefined;
    if (hit) return hit;
    const match = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/.exec(authorization ?? "");
    if (!match) throw unauthenticated(config, "a Bearer access token is required", "invalid_request");
    const token = match[1]!;
    const meta = await metadata();
    jwks ??= createRemoteJWKSet(new URL(meta.jwks_uri), { timeoutDuration: 10_000 });
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        issuer: meta.issuer,
        audience: config.apiAudiences,
        algorithms: ["RS256", "RS384", "RS512", "PS256", "ES256"],
        clockTolerance: 60,
        requiredClaims: ["exp", "iat"],
        currentDate: new Date(now()),
      }));
    } catch (err) {
      throw unauthenticated(config, describeJoseError(err));
    }
    const scopes = (str(payload.scp) ?? "").split(" ").filter((s) => s !== "");
    const oid = str(payload.oid) ?? str(payload.sub);
    const tenantId = str(payload.tid);
    if (!oid || !tenantId) throw unauthenticated(config, "the token has no oid/tid: it is not a user token");
    if (!scopes.includes(REQUIRED_SCOPE)) {
      throw problem(
        403,
        problemCodes.unauthenticated,
        `The token lacks the ${REQUIRED_SCOPE} scope`,
        {},
        { "www-authenticate": challenge("insufficient_scope", `the ${REQUIRED_SCOPE} scope is required`, config) },
      );
    }
    const operator: Operator = { oid, tenantId, scopes, assertion: token };
    const name = str(payload.name);
    const username = str(payload.preferred_username) ?? str(payload.upn);
    if (name !== undefined) operator.name = name;
    if (username !== undefined) operator.username = username;
    verified.set(token, operator, (payload.exp ?? 0) * 1000);
    return operator;
  };
};

const describeJoseError = (err: unknown): string => {
  if (err instanceof joseErrors.JWTExpired) return "the token has expired";
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `the token's ${err.claim} claim is not accepted`;
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return "the token signature is invalid";
  if (err instanceof joseErrors.JWKSNoMatchingKey) return "the token was not signed by a key of the authority";
  if (err instanceof joseErrors.JOSEError) return "the token is malformed or not accepted";
  return "the token could not be verified";
};

export type TokenVerifier = ReturnType<typeof createTokenVerifier>;
