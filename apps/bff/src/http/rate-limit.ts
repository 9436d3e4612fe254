import type { NextFunction, Request, Response } from "express";
import { problemCodes } from "@batch-studio/shared";
import { problem } from "./problem";
import { retryAfterSeconds, type WindowCounter } from "../state/window-counter";

/** 429 with Retry-After (header and body), the one answer both budgets give when spent. */
export const tooManyRequests = (retryAfter: number, detail: string) =>
  problem(429, problemCodes.rateLimited, "Too many requests", { retryAfter, detail }, { "retry-after": String(retryAfter) });

/** At most `perMinute` requests per key (the signed-in user) in each one-minute window. */
export const createRateLimiter =
  (perMinute: number, counter: WindowCounter, keyOf: (req: Request) => string, now: () => number = Date.now) =>
  (req: Request, _res: Response, next: NextFunction): void => {
    counter.hit(keyOf(req)).then(
      (c) => next(c.count > perMinute ? tooManyRequests(retryAfterSeconds(c, now()), `at most ${perMinute} requests per minute`) : undefined),
      next,
    );
  };
