import { z } from "zod";

/**
 * GET /api/config: what the SPA needs to sign in, served at runtime so one build runs against Entra
 * ID and against the local identity provider. Public values only: a client id and URLs, never a secret.
 */
export const RuntimeConfig = z.object({
  auth: z.object({
    /** The SPA app registration's client id. */
    clientId: z.string(),
    /** https-shaped authority, e.g. https://login.microsoftonline.com/<tenant>. */
    authority: z.string(),
    /** host[:port] of the authority, so MSAL skips Microsoft's instance discovery. */
    knownAuthorities: z.array(z.string()),
    /** OpenID metadata as a JSON string: set for the local plain-http IdP so MSAL does no discovery. */
    authorityMetadata: z.string().optional(),
    /** The BFF API scope(s), e.g. api://<bff-app-id>/access_as_user. */
    scopes: z.array(z.string()),
  }),
});
export type RuntimeConfig = z.infer<typeof RuntimeConfig>;

export const HealthResponse = z.object({ status: z.literal("ok"), version: z.string() });
export type HealthResponse = z.infer<typeof HealthResponse>;

/** GET /api/emulator: present only when the backend is the local emulator. */
export const EmulatorNote = z.object({
  emulator: z.literal(true),
  /** How tasks run: "docker" (real containers) or "process" (host processes, no isolation). */
  runtime: z.string().optional(),
  message: z.string(),
});
export type EmulatorNote = z.infer<typeof EmulatorNote>;
