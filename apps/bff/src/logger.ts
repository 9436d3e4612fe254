import { pino, type DestinationStream, type Logger } from "pino";

/**
 * Anything that can carry a credential is censored wherever it appears in a log object, at the
 * top level or one or two levels down (pino's redaction needs explicit paths).
 */
const SECRET_KEYS = [
  "authorization",
  "Authorization",
  "cookie",
  "password",
  "clientSecret",
  "secret",
  "token",
  "accessToken",
  "access_token",
  "refresh_token",
  "id_token",
  "assertion",
  "oboAssertion",
  "privateKey",
];

export const redactPaths = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

export const createLogger = (level: string, destination?: DestinationStream): Logger =>
  pino(
    {
      level,
      base: { service: "bff" },
      redact: { paths: redactPaths, censor: "[redacted]" },
      // Error objects from SDKs can embed request headers; log only what helps and is safe.
      serializers: {
        err: (err: { name?: string; message?: unknown; code?: unknown; statusCode?: unknown }) => ({
          name: err?.name,
          code: err?.code,
          statusCode: err?.statusCode,
          message: typeof err?.message === "string" ? err.message : JSON.stringify(err?.message),
        }),
      },
    },
    destination,
  );
