import type { NextFunction, Request, Response } from "express";
import { problemCodes } from "@batch-studio/shared";
import { problem } from "./problem";

/**
 * Per-key fixed-window limiter (one minute). Small on purpose: one process, in memory; a
 * multi-instance deployment would put a shared limiter in front instead.
 */
export const createRateLimiter = (perMinute: number, keyOf: (req: Request) => string, now: () => number = Date.now) => {
  const windowMs = 60_000;
  const counts = new Map<string, { windowStart: number; count: number }>();
  return (req: Request, res: Response, next: NextFunction): void => {
    const t = now();
    const key = keyOf(req);
    let entry = counts.get(key);
    if (!entry || t - entry.windowStart >= windowMs) {
      if (counts.size > 50_000) counts.clear();
      entry = { windowStart: t, count: 0 };
      counts.set(key, entry);
    }
    entry.count++;
    if (entry.count > perMinute) {
      const retryAfter = Math.max(1, Math.ceil((entry.windowStart + windowMs - t) / 1000));
      next(
        problem(429, problemCodes.rateLimited, "Too many requests", { retryAfter, detail: `at most ${perMinute} requests per minute` }, { "retry-after": String(retryAfter) }),
      );
      return;
    }
    next();
  };
};
