/** Problem+json constants, free of zod (the SPA's first route imports these). */
export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Codes the BFF itself uses (Batch/ARM codes pass through unchanged). */
export const problemCodes = {
  unauthenticated: "unauthenticated",
  invalidToken: "invalid_token",
  interactionRequired: "interaction_required",
  consentRequired: "consent_required",
  validationFailed: "validation_failed",
  notFound: "not_found",
  payloadTooLarge: "payload_too_large",
  rateLimited: "rate_limited",
  upstreamUnavailable: "upstream_unavailable",
  registryRefused: "registry_refused",
  internal: "internal_error",
} as const;

export const problemTypeUri = (code: string): string => `https://batch-studio.dev/problems/${code}`;
