import { createRemoteJWKSet, jwtVerify, errors as joseErrors, type JWTPayload } from "jose";
import { ARM_RESOURCE } from "../local-azure-constants";
import { ArmError } from "./arm-errors";

/** The audiences ARM accepts (it also answers to the classic Service Management resource). */
export const ARM_AUDIENCES = [
  ARM_RESOURCE,
  ARM_RESOURCE.replace(/\/$/, ""),
  "https://management.core.windows.net/",
  "https://management.core.windows.net",
];

export interface ArmIdentityConfig {
  issuer: string;
  jwksUri: string;
}

/** Milliseconds since the epoch; injectable so tests can check expiry without waiting an hour. */
export type Clock = () => number;

export interface ArmCaller {
  oid: string;
  tid?: string;
  isApp: boolean;
  claims: JWTPayload;
}

/**
 * Verifies ARM bearer tokens against the identity provider's JWKS (signature, issuer, expiry,
 * audience) and answers failures the way ARM does: 401 with an ARM error code and a Bearer
 * challenge naming the authority to get a token from.
 */
export function createArmAuthenticator(identity: ArmIdentityConfig, now: Clock = Date.now) {
  const jwks = createRemoteJWKSet(new URL(identity.jwksUri));
  const authorizationUri = identity.issuer.replace(/\/v2\.0\/?$/, "");
  const challenge = (error: string, description: string) => ({
    "WWW-Authenticate": `Bearer authorization_uri="${authorizationUri}", error="${error}", error_description="${description}"`,
  });
  const unauthorized = (code: string, message: string, description = message) =>
    new ArmError(401, code, message, challenge("invalid_token", description));

  return async function authenticate(authorization: string | undefined): Promise<ArmCaller> {
    if (!authorization) {
      throw unauthorized(
        "AuthenticationFailed",
        "Authentication failed. The 'Authorization' header is missing.",
        "The authentication failed because of missing 'Authorization' header.",
      );
    }
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) {
      throw unauthorized(
        "AuthenticationFailed",
        "Authentication failed. The 'Authorization' header is provided in an invalid format.",
        "The authentication failed because of invalid 'Authorization' header format.",
      );
    }
    try {
      const { payload } = await jwtVerify(match[1]!, jwks, {
        issuer: identity.issuer,
        audience: ARM_AUDIENCES,
        currentDate: new Date(now()),
      });
      return {
        oid: String(payload.oid ?? payload.sub ?? ""),
        tid: payload.tid as string | undefined,
        isApp: payload.idtyp === "app",
        claims: payload,
      };
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) {
        const exp =
          typeof err.payload.exp === "number" ? new Date(err.payload.exp * 1000).toISOString() : "unknown";
        throw unauthorized(
          "ExpiredAuthenticationToken",
          `The access token expiry UTC time '${exp}' is earlier than current UTC time '${new Date(now()).toISOString()}'.`,
          "The access token has expired.",
        );
      }
      if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === "aud") {
        throw unauthorized(
          "InvalidAuthenticationTokenAudience",
          `The access token has been obtained for wrong audience or resource '${String(err.payload.aud)}'. It should exactly match with one of the allowed audiences '${ARM_AUDIENCES.join("','")}'.`,
        );
      }
      if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === "iss") {
        throw unauthorized(
          "InvalidAuthenticationTokenTenant",
          `The access token is from the wrong issuer '${String(err.payload.iss)}'. It must match the tenant '${authorizationUri}'.`,
        );
      }
      throw unauthorized(
        "InvalidAuthenticationToken",
        "The access token is invalid.",
        "The access token signature or format is invalid.",
      );
    }
  };
}
