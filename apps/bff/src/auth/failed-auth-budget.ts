import type { Request } from "express";
import { retryAfterSeconds, type WindowCounter } from "../state/window-counter";
import { tooManyRequests } from "../http/rate-limit";

/**
 * A budget of failed authentications per client address: past it, a request whose token does not
 * verify gets 429 instead of 401, so a flood of forged tokens is slowed without a single
 * signature being told apart from another. A request whose token verifies is never refused by it
 * (the budget is only consulted after a failure), so an operator sharing an address with an
 * attacker keeps working. The address is Express's `req.ip`, which believes X-Forwarded-For only
 * from the configured trusted proxies.
 */
export class FailedAuthBudget {
  constructor(
    private readonly perMinute: number,
    private readonly counter: WindowCounter,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a failed authentication; resolves with the error to answer: the original one, or a 429 once spent. */
  async failed(req: Request, err: unknown): Promise<unknown> {
    const c = await this.counter.hit(`failed-auth|${req.ip ?? req.socket.remoteAddress ?? "unknown"}`);
    if (c.count <= this.perMinute) return err;
    return tooManyRequests(
      retryAfterSeconds(c, this.now()),
      `at most ${this.perMinute} failed sign-ins per minute from one address`,
    );
  }
}
