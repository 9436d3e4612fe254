import { z } from "zod";

/** Batch ids (pool, job, task): letters, digits, hyphens and underscores, at most 64 characters. */
export const BATCH_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const batchId = (what: string) =>
  z
    .string({ error: `${what} id is required` })
    .min(1, `${what} id is required`)
    .max(64, `${what} id must be at most 64 characters`)
    .regex(/^[A-Za-z0-9_-]*$/, `${what} id may contain only letters, digits, '-' and '_'`);

/** Batch compares ids case-insensitively but preserves case. */
export const sameBatchId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
