/**
 * The working set of one account: pools, nodes, jobs and tasks in memory, indexed for paging,
 * written through to the LevelDB store. Handlers `commit` (durable before the response);
 * the scheduler `stage`s its progress (flushed within milliseconds). The secrets a record keeps
 * (registry passwords) are clear text in memory, where pulls need them, and sealed in the store.
 */
import { OrderedIndex } from "../model/ordered-index";
import { settleCommunicationMode } from "../model/node-communication";
import { mapSecrets } from "../model/redact";
import type { JobRecord, JobScheduleRecord, NodeRecord, PoolRecord, TaskRecord } from "../model/types";
import type { LevelStore } from "../store/level-store";
import { SecretBox } from "../store/secret-box";
import { JobTaskCounts } from "./task-counts";

type AnyRecord = PoolRecord | NodeRecord | JobRecord | TaskRecord | JobScheduleRecord;

export class AccountState {
  readonly pools = new OrderedIndex<PoolRecord>();
  readonly jobs = new OrderedIndex<JobRecord>();
  readonly schedules = new OrderedIndex<JobScheduleRecord>();
  private readonly nodesByPool = new Map<string, OrderedIndex<NodeRecord>>();
  private readonly tasksByJob = new Map<string, OrderedIndex<TaskRecord>>();
  private readonly counts = new Map<string, JobTaskCounts>();
  private seq = 0;
  /** Store keys whose records hold sealed secrets: deleting one purges the store's files. */
  private readonly sealedKeys = new Set<string>();
  private purgeQueued = false;

  constructor(
    private readonly store: LevelStore,
    private readonly box: SecretBox,
  ) {}

  nextSeq(): number {
    return ++this.seq;
  }

  /** Rebuild the indexes from the store. */
  async load(): Promise<void> {
    const entries = await this.store.loadAll();
    const records = entries.map(([key, stored]) => {
      const value = this.unsealed(key, stored as AnyRecord);
      // A record an older emulator stored with clear-text secrets is rewritten sealed.
      if (this.hasClearSecret(value.wire)) this.stage(key, value);
      return { kind: key[0], value };
    });
    records.sort((a, b) => a.value.seq - b.value.seq);
    for (const { kind, value } of records) {
      this.seq = Math.max(this.seq, value.seq);
      if (kind === "p") this.pools.add((value as PoolRecord).wire.id, value as PoolRecord);
      else if (kind === "j") this.jobs.add((value as JobRecord).wire.id, value as JobRecord);
      else if (kind === "s")
        this.schedules.add((value as JobScheduleRecord).wire.id, value as JobScheduleRecord);
    }
    // A pool stored before pools answered currentNodeCommunicationMode gets it (kept when present).
    for (const pool of this.pools.values()) settleCommunicationMode(pool, true);
    // A node or task whose pool or job is gone (a deletion cut short) must not reappear under a
    // new pool or job with the same id.
    for (const { kind, value } of records) {
      if (kind === "n") {
        const node = value as NodeRecord;
        if (this.pools.has(node.poolKey)) this.nodesOf(node.poolKey).add(node.wire.id, node);
        else this.stage(this.key("node", node), undefined);
      } else if (kind === "t") {
        const task = value as TaskRecord;
        if (this.jobs.has(task.jobKey)) this.addTask(task);
        else this.stage(this.key("task", task), undefined);
      }
    }
  }

  nodesOf(poolKey: string): OrderedIndex<NodeRecord> {
    let idx = this.nodesByPool.get(poolKey);
    if (!idx) this.nodesByPool.set(poolKey, (idx = new OrderedIndex()));
    return idx;
  }

  tasksOf(jobKey: string): OrderedIndex<TaskRecord> {
    let idx = this.tasksByJob.get(jobKey);
    if (!idx) this.tasksByJob.set(jobKey, (idx = new OrderedIndex()));
    return idx;
  }

  countsOf(jobKey: string): JobTaskCounts {
    let c = this.counts.get(jobKey);
    if (!c) this.counts.set(jobKey, (c = new JobTaskCounts()));
    return c;
  }

  addTask(task: TaskRecord): void {
    this.tasksOf(task.jobKey).add(task.wire.id, task);
    this.countsOf(task.jobKey).add(task.wire, 1);
  }

  /** Change a task through here so the job's counts follow. */
  updateTask(task: TaskRecord, change: () => void): void {
    const counts = this.countsOf(task.jobKey);
    counts.add(task.wire, -1);
    change();
    counts.add(task.wire, 1);
  }

  removeTask(task: TaskRecord): void {
    if (this.tasksOf(task.jobKey).delete(task.wire.id)) this.countsOf(task.jobKey).add(task.wire, -1);
  }

  dropJobIndexes(jobKey: string): void {
    this.tasksByJob.delete(jobKey);
    this.counts.delete(jobKey);
  }

  dropPoolIndexes(poolKey: string): void {
    this.nodesByPool.delete(poolKey);
  }

  key(kind: "pool" | "job", r: PoolRecord | JobRecord): string;
  key(kind: "node", r: NodeRecord): string;
  key(kind: "task", r: TaskRecord): string;
  key(kind: "schedule", r: JobScheduleRecord): string;
  key(kind: "pool" | "job" | "node" | "task" | "schedule", r: AnyRecord): string {
    if (kind === "schedule") return `s/${(r as JobScheduleRecord).wire.id.toLowerCase()}`;
    if (kind === "pool") return `p/${(r as PoolRecord).wire.id.toLowerCase()}`;
    if (kind === "job") return `j/${(r as JobRecord).wire.id.toLowerCase()}`;
    if (kind === "node") return `n/${(r as NodeRecord).poolKey}/${(r as NodeRecord).wire.id}`;
    return `t/${(r as TaskRecord).jobKey}/${(r as TaskRecord).wire.id.toLowerCase()}`;
  }

  /** Durable write; await it before acknowledging. Pass `undefined` as record to delete. */
  async commit(entries: [string, AnyRecord | undefined][]): Promise<void> {
    await this.store.commit(entries.map(([key, record]) => [key, this.sealed(key, record)]));
    await this.purgeIfSecretsLeft();
  }

  stage(key: string, record: AnyRecord | undefined): void {
    this.store.stage(key, this.sealed(key, record));
    if (this.purgeQueued) void this.purgeIfSecretsLeft();
  }

  /** The record as stored: kept secrets sealed. Notes which deletions take secrets away. */
  private sealed<R extends AnyRecord>(key: string, record: R | undefined): R | undefined {
    if (!record) {
      if (this.sealedKeys.delete(key)) this.purgeQueued = true;
      return undefined;
    }
    const wire = mapSecrets(record.wire, (value) => this.box.seal(value));
    if (wire === record.wire) {
      if (this.sealedKeys.delete(key)) this.purgeQueued = true;
      return record;
    }
    this.sealedKeys.add(key);
    return { ...record, wire };
  }

  private unsealed<R extends AnyRecord>(key: string, record: R): R {
    const wire = mapSecrets(record.wire, (value) => this.box.unseal(value));
    if (wire === record.wire) return record;
    this.sealedKeys.add(key);
    return { ...record, wire };
  }

  /**
   * A deleted pool, node, job or task took sealed secrets with it: compact the store so their
   * ciphertext is not left in LevelDB's log or tables either (deletions of secret-bearing records
   * are rare: pools, and tasks with registry passwords).
   */
  private async purgeIfSecretsLeft(): Promise<void> {
    if (!this.purgeQueued) return;
    this.purgeQueued = false;
    // Staged deletions (a node leaving) are written first. The deletion itself is durable
    // either way; a failed compaction is made good by the next one.
    await this.store
      .commit([])
      .then(() => this.store.purge())
      .catch(() => undefined);
  }

  private hasClearSecret(wire: object): boolean {
    let clear = false;
    mapSecrets(wire, (value) => {
      clear ||= !SecretBox.isSealed(value);
      return value;
    });
    return clear;
  }
}
