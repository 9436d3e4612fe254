/**
 * The hot-path cache under churn: 20,000 operators cycling through a 10,000-entry bound (half the
 * reads miss and evict), the shape of a busy BFF's token caches. Compares ExpiringCache (on
 * lru-cache) with the Map-in-insertion-order LRU it replaced, in the same run, three rounds each.
 * Run: pnpm --filter @batch-studio/bff bench:cache
 */
import { ExpiringCache } from "./http/expiring-cache";

const KEYS = 20_000;
const BOUND = 10_000;
const OPS = 1_000_000;

/** The replaced design, kept here only as the baseline: Map order = recency, evict the first key. */
class MapLru<V> {
  private readonly entries = new Map<string, { value: V; expiresAtMs: number }>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (e === undefined) return undefined;
    this.entries.delete(key);
    if (e.expiresAtMs <= Date.now()) return undefined;
    this.entries.set(key, e);
    return e.value;
  }
  set(key: string, value: V, expiresAtMs: number): void {
    this.entries.delete(key);
    while (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAtMs });
  }
}

const keys = Array.from({ length: KEYS }, (_, i) => `oid-${i}|token-${(i * 7919) % 100_003}`);

function opsPerSecond(cache: { get(k: string): unknown; set(k: string, v: number, exp: number): void }): number {
  let seed = 1;
  const start = process.hrtime.bigint();
  for (let i = 0; i < OPS; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    const key = keys[seed % KEYS] ?? "";
    if (cache.get(key) === undefined) cache.set(key, i, Date.now() + 60_000);
  }
  return OPS / (Number(process.hrtime.bigint() - start) / 1e9);
}

const rows: string[] = [];
for (let round = 1; round <= 3; round++) {
  const map = opsPerSecond(new MapLru<number>(BOUND));
  const lru = opsPerSecond(new ExpiringCache<string, number>(BOUND));
  rows.push(`round ${round}: Map LRU ${(map / 1e6).toFixed(2)} M ops/s, ExpiringCache (lru-cache) ${(lru / 1e6).toFixed(2)} M ops/s, ratio ${(lru / map).toFixed(1)}×`);
}
console.log(rows.join("\n"));
