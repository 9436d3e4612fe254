/**
 * Microsoft Entra-style bearer tokens: RS256 JWTs verified against the configured issuer's JWKS,
 * audience https://batch.core.windows.net/ (the resource the SDKs ask tokens for). `typ` is not
 * pinned: Entra access tokens carry "JWT", other issuers "at+jwt".
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { batchError } from "../http/batch-error";

export const BATCH_AUDIENCE = "https://batch.core.windows.net/";

export interface BearerOptions {
  issuer: string;
  jwksUri: string;
  audience?: string;
}

export type BearerVerifier = (token: string) => Promise<JWTPayload>;

export function createBearerVerifier(options: BearerOptions): BearerVerifier {
  const jwks = createRemoteJWKSet(new URL(options.jwksUri));
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: options.issuer,
        audience: options.audience ?? BATCH_AUDIENCE,
      });
      return payload;
    } catch (e) {
      // Say what was wrong with the token (expired, audience, signature) without echoing it.
      const reason =
        e instanceof Error ? `${(e as { code?: string }).code ?? "ERR_JWT"}: ${e.message}` : "invalid token";
      throw batchError(401, "AuthenticationFailed", [{ key: "AuthenticationErrorDetail", value: reason }]);
    }
  };
}
