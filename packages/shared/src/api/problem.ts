import { z } from "zod";

// Plain constants live apart from the schemas so the SPA can use them without pulling in zod.
export * from "./problem-codes";

/** One bad field of a request, as the BFF reports it (the same shape the validators return). */
export const ValidationIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  level: z.enum(["error", "warning", "info"]),
  code: z.string(),
  message: z.string(),
  fix: z
    .object({
      label: z.string(),
      patch: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), value: z.unknown() })),
    })
    .optional(),
  action: z
    .object({
      kind: z.literal("setGalleryReplicas"),
      label: z.string(),
      versionId: z.string(),
      region: z.string(),
      replicaCount: z.number().int(),
      currentCount: z.number().int(),
    })
    .optional(),
});

/**
 * Every error the BFF answers is RFC 9457 `application/problem+json`. `code` carries the Batch or
 * ARM error code when one caused it (e.g. "PoolExists"), or one of `problemCodes`.
 */
export const ProblemDetails = z.object({
  type: z.string().describe("A URI naming the problem kind; 'about:blank' when the status says it all"),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string().optional(),
  /** Every bad field, with its path, when the request did not validate. */
  issues: z.array(ValidationIssueSchema).optional(),
  /** Seconds to wait before retrying (mirrors the Retry-After header on 429/503). */
  retryAfter: z.number().optional(),
  /** Set on interaction_required: the claims challenge to pass to MSAL's next interactive request. */
  claims: z.string().optional(),
  /** The scopes the SPA should ask consent for again. */
  scopes: z.array(z.string()).optional(),
  requestId: z.string().optional(),
});
export type ProblemDetails = z.infer<typeof ProblemDetails>;
