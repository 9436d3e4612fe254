/**
 * Entities keyed case-insensitively, kept in creation order with a sequence number per entry, so a
 * list page is a binary search to the $skiptoken plus a scan, never a full scan of 100,000 tasks.
 */
export interface Sequenced {
  seq: number;
}

export class OrderedIndex<T extends Sequenced> {
  private readonly byKey = new Map<string, T>();
  private ordered: T[] = [];
  private readonly dead = new WeakSet<T>();
  private deadCount = 0;

  get size(): number {
    return this.byKey.size;
  }

  get(id: string): T | undefined {
    return this.byKey.get(id.toLowerCase());
  }

  has(id: string): boolean {
    return this.byKey.has(id.toLowerCase());
  }

  add(id: string, item: T): void {
    this.byKey.set(id.toLowerCase(), item);
    const last = this.ordered[this.ordered.length - 1];
    this.ordered.push(item);
    if (last && last.seq > item.seq) this.ordered.sort((a, b) => a.seq - b.seq);
  }

  delete(id: string): T | undefined {
    const item = this.byKey.get(id.toLowerCase());
    if (!item) return undefined;
    this.byKey.delete(id.toLowerCase());
    this.dead.add(item);
    // Compact lazily: dead entries are skipped by `page` until they are a large share.
    if (++this.deadCount > 64 && this.deadCount * 2 > this.ordered.length) {
      this.ordered = this.ordered.filter((x) => !this.dead.has(x));
      this.deadCount = 0;
    }
    return item;
  }

  values(): IterableIterator<T> {
    return this.byKey.values();
  }

  /** Up to `limit` live entries with seq > afterSeq that pass `keep`, and whether more may follow. */
  page(afterSeq: number, limit: number, keep: (item: T) => boolean): { items: T[]; more: boolean } {
    const items: T[] = [];
    for (let i = this.firstAfter(afterSeq); i < this.ordered.length; i++) {
      const item = this.ordered[i]!;
      if (this.dead.has(item) || !keep(item)) continue;
      if (items.length === limit) return { items, more: true };
      items.push(item);
    }
    return { items, more: false };
  }

  private firstAfter(seq: number): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ordered[mid]!.seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
