/**
 * Counts events per key in fixed one-window buckets: the rate limit and the failed-authentication
 * budget are both "at most N per minute per key". It is an interface because several BFF
 * instances must share their counts (one user's budget is one budget, whichever instance answers):
 * this memory implementation serves one instance; a shared store implements the same contract.
 */
export interface WindowCounter {
  /** Counts one event for `key`; resolves with the count in the current window and when it ends. */
  hit(key: string): Promise<WindowCount>;
}

export interface WindowCount {
  count: number;
  /** Epoch ms when the current window ends and the count starts again from 0. */
  resetAt: number;
}

/** Whole seconds until the window ends, at least 1: the value of a Retry-After header. */
export const retryAfterSeconds = (c: WindowCount, now: number): number =>
  Math.max(1, Math.ceil((c.resetAt - now) / 1000));

export class MemoryWindowCounter implements WindowCounter {
  private readonly counts = new Map<string, WindowCount>();

  constructor(
    private readonly windowMs: number,
    /** Bound on distinct keys: past it the oldest windows are dropped (a flood of keys cannot grow memory). */
    private readonly maxKeys = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  async hit(key: string): Promise<WindowCount> {
    const t = this.now();
    let entry = this.counts.get(key);
    if (!entry || t >= entry.resetAt) {
      if (entry) this.counts.delete(key);
      else if (this.counts.size >= this.maxKeys) this.dropOldest(t);
      entry = { count: 0, resetAt: t + this.windowMs };
      this.counts.set(key, entry);
    }
    entry.count++;
    return { ...entry };
  }

  /** Expired windows go first; if none has expired, the oldest (Map order is insertion order). */
  private dropOldest(t: number): void {
    for (const [k, v] of this.counts) if (t >= v.resetAt) this.counts.delete(k);
    if (this.counts.size < this.maxKeys) return;
    const oldest = this.counts.keys().next();
    if (!oldest.done) this.counts.delete(oldest.value);
  }
}
