/**
 * The write-through log behind the in-memory working set: one LevelDB under the data folder.
 * `commit` writes with sync:true and is awaited before a client sees a response, so a kill -9
 * loses nothing acknowledged. Scheduler progress (task started, node idle) goes through `stage`,
 * flushed in sync batches every STAGE_FLUSH_MS: losing that window of it only re-runs a task.
 */
import { ClassicLevel } from "classic-level";
import { ensurePrivateDir, tightenTree } from "../../private-files";

export type StoredValue = object;

/**
 * How long staged progress may wait before its sync batch. Longer coalesces more (one fsync for
 * many task transitions, leaving the libuv pool to the tasks' own file work); a crash loses at
 * most this much progress, which only means re-running a task.
 */
const STAGE_FLUSH_MS = 50;

type Op = { type: "put"; key: string; value: string } | { type: "del"; key: string };

export class LevelStore {
  private readonly staged = new Map<string, string | null>();
  private chain: Promise<void> = Promise.resolve();
  private flushTimer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(private readonly db: ClassicLevel<string, string>) {}

  static async open(dir: string): Promise<LevelStore> {
    await ensurePrivateDir(dir);
    const db = new ClassicLevel<string, string>(dir, { valueEncoding: "utf8" });
    await db.open();
    // LevelDB creates its files with the process umask; the folder's 0700 already keeps them
    // private, and the files themselves are tightened too.
    await tightenTree(dir);
    return new LevelStore(db);
  }

  /** Every entry, in key order. */
  async loadAll(): Promise<[string, unknown][]> {
    const out: [string, unknown][] = [];
    for await (const [key, value] of this.db.iterator()) out.push([key, JSON.parse(value)]);
    return out;
  }

  /** Queue a write for the next background flush (a few ms later). */
  stage(key: string, value: StoredValue | undefined): void {
    if (this.closed) return;
    this.staged.set(key, value === undefined ? null : JSON.stringify(value));
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      void this.commit([]).catch(() => undefined);
    }, STAGE_FLUSH_MS);
  }

  /** Durably write these entries (and everything staged before them) before resolving. */
  commit(entries: [string, StoredValue | undefined][]): Promise<void> {
    for (const [key, value] of entries)
      this.staged.set(key, value === undefined ? null : JSON.stringify(value));
    const ops: Op[] = [];
    for (const [key, value] of this.staged)
      ops.push(value === null ? { type: "del", key } : { type: "put", key, value });
    this.staged.clear();
    // Batches run one after another so a later write can never land before an earlier one.
    const run = this.chain.then(() =>
      ops.length && !this.closed ? this.db.batch(ops, { sync: true }) : undefined,
    );
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Rewrite the files so values already deleted are gone from the disk too, not only from reads:
   * LevelDB keeps a deleted value in its log and tables until a compaction drops it. Runs after
   * every write queued before it.
   */
  purge(): Promise<void> {
    const run = this.chain.then(() => (this.closed ? undefined : this.db.compactRange("", "\uffff")));
    this.chain = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    await this.commit([]).catch(() => undefined);
    this.closed = true;
    await this.chain;
    await this.db.close();
  }
}
