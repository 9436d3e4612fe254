import { LRUCache } from "lru-cache";

/**
 * The one in-memory cache shape the BFF's hot path uses (verified API tokens, on-behalf-of tokens,
 * resolved accounts, Batch clients): a hard size bound, least recently used entry evicted first,
 * and an expiry checked on every read, so an expired entry is never returned however long it has
 * sat there. Keys must carry the identity they belong to (a user's oid or their exact token): the
 * cache itself never shares anything between keys.
 *
 * Backed by lru-cache: under churn (more users than the bound) it measured ~6× faster than the
 * Map-in-insertion-order cache this replaced (docs/PERFORMANCE.md, "Library swaps"). This class
 * only keeps the BFF's contract: absolute expiry times (a token's `exp`), Infinity for none.
 */
export class ExpiringCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>> {
  private readonly lru: LRUCache<K, V>;

  constructor(
    readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(maxEntries >= 1)) throw new Error("an ExpiringCache needs room for at least one entry");
    // ttlResolution 0: every read asks the clock, so an entry is gone the millisecond it expires.
    this.lru = new LRUCache<K, V>({ max: maxEntries, ttlResolution: 0, perf: { now } });
  }

  get size(): number {
    return this.lru.size;
  }

  get(key: K): V | undefined {
    return this.lru.get(key);
  }

  /** `expiresAtMs` is absolute (epoch ms); Infinity for entries that only the size bound removes. */
  set(key: K, value: V, expiresAtMs: number): void {
    if (expiresAtMs === Infinity) {
      this.lru.set(key, value);
      return;
    }
    // lru-cache calls an entry stale once more than `ttl` ms have passed; ours expire *at* the time.
    const ttl = Math.ceil(expiresAtMs - this.now()) - 1;
    if (ttl < 1) this.lru.delete(key);
    else this.lru.set(key, value, { ttl });
  }

  delete(key: K): void {
    this.lru.delete(key);
  }
}
