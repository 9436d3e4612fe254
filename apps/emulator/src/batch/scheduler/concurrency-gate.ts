/**
 * The account-wide cap on concurrently running tasks and start tasks, so a laptop is never
 * asked to run a 1,000-node pool's worth of processes at once.
 */
export class ConcurrencyGate {
  private used = 0;
  private readonly waiters: (() => void)[] = [];

  /** Whoever releases a slot also tells the task scheduler (it may start a queued task). */
  constructor(readonly limit: number) {}

  get available(): boolean {
    return this.used < this.limit;
  }

  get inUse(): number {
    return this.used;
  }

  tryAcquire(): boolean {
    if (!this.available) return false;
    this.used++;
    return true;
  }

  /** Wait for a slot (start tasks queue here; the task scheduler uses tryAcquire). */
  acquire(signal?: AbortSignal): Promise<boolean> {
    if (this.tryAcquire()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const grant = () => {
        signal?.removeEventListener("abort", cancel);
        this.used++;
        resolve(true);
      };
      const cancel = () => {
        const i = this.waiters.indexOf(grant);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(false);
      };
      signal?.addEventListener("abort", cancel, { once: true });
      this.waiters.push(grant);
    });
  }

  release(): void {
    this.used--;
    this.waiters.shift()?.();
  }
}
