/**
 * The one in-memory cache shape the BFF's hot path uses (verified API tokens, on-behalf-of tokens,
 * resolved accounts, Batch clients): a Map with a hard size bound, least recently used entry
 * evicted first, and an expiry checked on every read, so an expired entry is never returned however
 * long it has sat there. Keys must carry the identity they belong to (a user's oid or their exact
 * token): the cache itself never shares anything between keys.
 */
export class ExpiringCache<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAtMs: number }>();

  constructor(
    readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(maxEntries >= 1)) throw new Error("an ExpiringCache needs room for at least one entry");
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.expiresAtMs <= this.now()) return undefined;
    // Re-inserted so Map order is recency order and eviction drops the least recently used.
    this.entries.set(key, entry);
    return entry.value;
  }

  /** `expiresAtMs` is absolute (epoch ms); Infinity for entries that only the size bound removes. */
  set(key: K, value: V, expiresAtMs: number): void {
    this.entries.delete(key);
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, { value, expiresAtMs });
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}
