/**
 * The job preparation and job release tasks, per job and node (docs/azure-batch-notes.md#the-jobs-own-tasks):
 * the preparation runs on a node before the job's first task there (again after a reboot when
 * rerunOnNodeRebootAfterSuccess says so), with its retries; with waitForSuccess the job's tasks on
 * that node wait in `preparing` and a failed preparation keeps them off the node. The release runs
 * when the job ends, on every node whose preparation ran. Both go through executeOnNode like any
 * task, so the node layout, environment, runtimes and the storage steps apply to them too.
 * What each did is kept with the job (JobRecord.preparedNodes), which the status API lists.
 */
import { setMaxListeners } from "node:events";
import { join } from "node:path";
import type { Engine } from "../engine";
import { removeBelow } from "../files/confined-writes";
import { isoNow } from "../model/clock";
import { isEffectivelyInfinite, parseDuration } from "../model/duration";
import type {
  JobPreparationTaskWire,
  JobRecord,
  JobReleaseTaskWire,
  NodeJobTaskInfoWire,
  NodeRecord,
  PoolRecord,
  PreparedNode,
} from "../model/types";
import type { RunResult } from "../runtime/task-runtime";
import { DeadlineQueue } from "./deadline-queue";
import { executeOnNode, nodeUrl } from "./execution";
import { nodeRoot, taskRelDir } from "./node-layout";
import { failureExitCode, taskEndedFailure } from "./task-transitions";

/** A completed preparation or release whose directory is removed after its retentionTime. */
interface Retained {
  job: JobRecord;
  entry: PreparedNode;
  kind: "jobPreparationTaskExecutionInfo" | "jobReleaseTaskExecutionInfo";
  info: NodeJobTaskInfoWire;
}

/** What the job's tasks may do on a node now. */
export type Readiness = "ready" | "prepare" | "blocked";

const jobKeyOf = (job: JobRecord) => job.wire.id.toLowerCase();
const nodeKeyOf = (node: NodeRecord) => `${node.poolKey}/${node.wire.id}`;

export class JobNodeTasks {
  /** Preparations running now, per job and node; resolve with whether it succeeded. */
  private readonly preparing = new Map<string, { done: Promise<boolean>; stop: AbortController }>();
  private readonly releasing = new Map<string, { done: Promise<void>; stop: AbortController }>();
  /** Aborted on close: executions stop without an outcome, so a restart runs them again. */
  private readonly closing = new AbortController();
  /** Per job and node and kind: the directory removal due after the retentionTime. */
  private readonly retained = new Map<string, Retained>();
  private readonly due = new DeadlineQueue<Retained>((r) => void this.removeDirectory(r));

  constructor(private readonly engine: Engine) {
    setMaxListeners(0, this.closing.signal);
  }

  private save(job: JobRecord): void {
    this.engine.state.stage(this.engine.state.key("job", job), job);
  }

  /** Whether the preparation must (re)run on `node` before the job's tasks may rely on it. */
  private needsRun(job: JobRecord, node: NodeRecord): boolean {
    const prep = job.wire.jobPreparationTask;
    if (!prep || this.preparing.has(`${jobKeyOf(job)}\n${nodeKeyOf(node)}`)) return false;
    const entry = job.preparedNodes?.[nodeKeyOf(node)];
    const info = entry?.jobPreparationTaskExecutionInfo;
    // Not run here yet, or cut short by a restart.
    if (!info || info.state === "running") return true;
    if (entry.bootTime === node.wire.lastBootTime) return false;
    return info.result !== "success" || prep.rerunOnNodeRebootAfterSuccess;
  }

  readiness(job: JobRecord, node: NodeRecord): Readiness {
    const prep = job.wire.jobPreparationTask;
    if (!prep) return "ready";
    const running = this.preparing.has(`${jobKeyOf(job)}\n${nodeKeyOf(node)}`);
    if (running || this.needsRun(job, node)) return prep.waitForSuccess ? "prepare" : "ready";
    const info = job.preparedNodes?.[nodeKeyOf(node)]?.jobPreparationTaskExecutionInfo;
    return prep.waitForSuccess && info?.result === "failure" ? "blocked" : "ready";
  }

  /**
   * The preparation on `node`: the running one, a new run when one is due, or the last outcome.
   * Resolves with whether it succeeded (false when it was stopped).
   */
  prepare(job: JobRecord, pool: PoolRecord, node: NodeRecord): Promise<boolean> {
    const key = `${jobKeyOf(job)}\n${nodeKeyOf(node)}`;
    const running = this.preparing.get(key);
    if (running) return running.done;
    if (!job.wire.jobPreparationTask || !this.needsRun(job, node))
      return Promise.resolve(
        job.preparedNodes?.[nodeKeyOf(node)]?.jobPreparationTaskExecutionInfo?.result === "success",
      );
    const stop = new AbortController();
    const done = this.runPreparation(job, job.wire.jobPreparationTask, pool, node, stop.signal)
      .catch((err: unknown) => {
        console.error("[batch] a job preparation task failed to run:", err);
        return false;
      })
      .finally(() => this.preparing.delete(key));
    this.preparing.set(key, { done, stop });
    return done;
  }

  /** Stop the job's running preparations (its termination or deletion) and wait for them. */
  async stopPreparations(job: JobRecord): Promise<void> {
    const prefix = `${jobKeyOf(job)}\n`;
    const runs = [...this.preparing].filter(([k]) => k.startsWith(prefix)).map(([, r]) => r);
    for (const r of runs) r.stop.abort();
    await Promise.all(runs.map((r) => r.done));
  }

  /**
   * The job ends: its release task runs on every node where its preparation ran, in parallel,
   * except where it already completed (a job terminated earlier and deleted now).
   */
  async release(job: JobRecord): Promise<void> {
    const release = job.wire.jobReleaseTask;
    if (!release || this.closing.signal.aborted) return;
    const { state } = this.engine;
    const runs: Promise<void>[] = [];
    for (const entry of Object.values(job.preparedNodes ?? {})) {
      if (!entry.jobPreparationTaskExecutionInfo || entry.jobReleaseTaskExecutionInfo?.state === "completed")
        continue;
      const pool = state.pools.get(entry.poolId);
      const node = pool && state.nodesOf(pool.wire.id.toLowerCase()).get(entry.nodeId);
      // A node that left the pool, or cannot run anything now, runs no release.
      if (!pool || !node || (node.wire.state !== "idle" && node.wire.state !== "running")) continue;
      const key = `${jobKeyOf(job)}\n${nodeKeyOf(node)}`;
      const existing = this.releasing.get(key);
      if (existing) {
        runs.push(existing.done);
        continue;
      }
      const stop = new AbortController();
      const done = this.runRelease(job, release, pool, node, entry, stop.signal)
        .catch((err: unknown) => console.error("[batch] a job release task failed to run:", err))
        .finally(() => this.releasing.delete(key));
      this.releasing.set(key, { done, stop });
      runs.push(done);
    }
    await Promise.all(runs);
  }

  /** After a restart: arm the directory removals of what completed before it. */
  recover(): void {
    for (const job of this.engine.state.jobs.values())
      for (const entry of Object.values(job.preparedNodes ?? {})) {
        this.retain(job, entry, "jobPreparationTaskExecutionInfo");
        this.retain(job, entry, "jobReleaseTaskExecutionInfo");
      }
  }

  async close(): Promise<void> {
    this.due.close();
    this.closing.abort();
    await Promise.all([...this.preparing.values(), ...this.releasing.values()].map((r) => r.done));
  }

  private entryFor(job: JobRecord, pool: PoolRecord, node: NodeRecord): PreparedNode {
    const nodes = (job.preparedNodes ??= {});
    return (nodes[nodeKeyOf(node)] ??= {
      seq: this.engine.state.nextSeq(),
      poolId: pool.wire.id,
      nodeId: node.wire.id,
      nodeUrl: nodeUrl(this.engine, pool, node),
    });
  }

  private async runPreparation(
    job: JobRecord,
    prep: JobPreparationTaskWire,
    pool: PoolRecord,
    node: NodeRecord,
    stop: AbortSignal,
  ): Promise<boolean> {
    const entry = this.entryFor(job, pool, node);
    entry.bootTime = node.wire.lastBootTime;
    const rel = taskRelDir(job.wire.id, prep.id);
    const info: NodeJobTaskInfoWire = {
      state: "running",
      startTime: isoNow(),
      taskRootDirectory: rel,
      taskRootDirectoryUrl: `${entry.nodeUrl}/files/${rel}`,
      retryCount: 0,
    };
    entry.jobPreparationTaskExecutionInfo = info;
    // Runs again in the same directory: an old removal must not take it away.
    this.forget(job, entry, "jobPreparationTaskExecutionInfo");
    this.save(job);
    const maxRetries = prep.constraints.maxTaskRetryCount;
    for (let attempt = 0; ; attempt++) {
      const { result, timedOut } = await this.execute(job, pool, node, prep, rel, undefined, {
        limit: prep.constraints.maxWallClockTime,
        stop,
        attempt: `prep${attempt}`,
      });
      // Stopped by a shutdown: no outcome, a restart runs it again.
      if (this.closing.signal.aborted) return false;
      if (stop.aborted) {
        // Stopped because the job ended: it ended as a task of a terminated job does.
        this.complete(info, { ...result, failure: taskEndedFailure("jobTerminate") }, false);
        this.retain(job, entry, "jobPreparationTaskExecutionInfo");
        this.save(job);
        return false;
      }
      if (result.containerId)
        info.containerInfo = { containerId: result.containerId, state: result.containerState };
      const succeeded = !result.failure && !timedOut && result.exitCode === 0;
      if (!succeeded && !result.failure && !timedOut && (maxRetries === -1 || attempt < maxRetries)) {
        info.retryCount = attempt + 1;
        info.startTime = info.lastRetryTime = isoNow();
        this.save(job);
        continue;
      }
      this.complete(info, result, timedOut);
      this.retain(job, entry, "jobPreparationTaskExecutionInfo");
      this.save(job);
      return succeeded;
    }
  }

  private async runRelease(
    job: JobRecord,
    release: JobReleaseTaskWire,
    pool: PoolRecord,
    node: NodeRecord,
    entry: PreparedNode,
    stop: AbortSignal,
  ): Promise<void> {
    const rel = taskRelDir(job.wire.id, release.id);
    const info: NodeJobTaskInfoWire = {
      state: "running",
      startTime: isoNow(),
      taskRootDirectory: rel,
      taskRootDirectoryUrl: `${entry.nodeUrl}/files/${rel}`,
    };
    entry.jobReleaseTaskExecutionInfo = info;
    this.save(job);
    const prep = job.wire.jobPreparationTask;
    const prepRelDir = prep && taskRelDir(job.wire.id, prep.id);
    const { result, timedOut } = await this.execute(job, pool, node, release, rel, prepRelDir, {
      limit: release.maxWallClockTime,
      stop,
      attempt: "release",
    });
    if (this.closing.signal.aborted) return;
    if (result.containerId)
      info.containerInfo = { containerId: result.containerId, state: result.containerState };
    this.complete(info, result, timedOut);
    this.retain(job, entry, "jobReleaseTaskExecutionInfo");
    this.save(job);
  }

  private retainKey = (job: JobRecord, entry: PreparedNode, kind: Retained["kind"]) =>
    `${jobKeyOf(job)}\n${entry.poolId.toLowerCase()}/${entry.nodeId}\n${kind}`;

  /** A completed run: its directory goes after the task's retentionTime (default P7D). */
  private retain(job: JobRecord, entry: PreparedNode, kind: Retained["kind"]): void {
    const info = entry[kind];
    const retention =
      kind === "jobPreparationTaskExecutionInfo"
        ? job.wire.jobPreparationTask?.constraints.retentionTime
        : job.wire.jobReleaseTask?.retentionTime;
    const ms = retention === undefined ? undefined : parseDuration(retention);
    if (!info?.endTime || ms === undefined) return;
    this.forget(job, entry, kind);
    const r: Retained = { job, entry, kind, info };
    this.retained.set(this.retainKey(job, entry, kind), r);
    this.due.add(r, Date.parse(info.endTime) + ms);
  }

  private forget(job: JobRecord, entry: PreparedNode, kind: Retained["kind"]): void {
    const key = this.retainKey(job, entry, kind);
    const old = this.retained.get(key);
    if (old) this.due.delete(old);
    this.retained.delete(key);
  }

  private async removeDirectory(r: Retained): Promise<void> {
    const { state, config } = this.engine;
    this.retained.delete(this.retainKey(r.job, r.entry, r.kind));
    // Only the run it was armed for, of a job that still exists.
    if (state.jobs.get(r.job.wire.id) !== r.job || r.entry[r.kind] !== r.info) return;
    await removeBelow(
      config.dataDir,
      join(nodeRoot(config.dataDir, r.entry.poolId.toLowerCase(), r.entry.nodeId), r.info.taskRootDirectory),
    ).catch(() => undefined);
  }

  private complete(info: NodeJobTaskInfoWire, result: RunResult, timedOut: boolean): void {
    info.state = "completed";
    info.endTime = isoNow();
    if (result.exitCode !== undefined) info.exitCode = result.exitCode;
    const failure = timedOut
      ? taskEndedFailure("timeout")
      : (result.failure ?? (result.exitCode === 0 ? undefined : failureExitCode(result.exitCode)));
    info.result = failure ? "failure" : "success";
    if (failure) info.failureInfo = failure;
  }

  /** One attempt through executeOnNode, killed after `limit` (its maxWallClockTime). */
  private async execute(
    job: JobRecord,
    pool: PoolRecord,
    node: NodeRecord,
    task: Pick<
      JobReleaseTaskWire,
      "id" | "commandLine" | "containerSettings" | "environmentSettings" | "resourceFiles"
    >,
    relDir: string,
    prepRelDir: string | undefined,
    run: { limit: string; stop: AbortSignal; attempt: string },
  ): Promise<{ result: RunResult; timedOut: boolean }> {
    const controller = new AbortController();
    const abort = () => controller.abort();
    this.closing.signal.addEventListener("abort", abort, { once: true });
    run.stop.addEventListener("abort", abort, { once: true });
    if (this.closing.signal.aborted || run.stop.aborted) controller.abort();
    let timedOut = false;
    const ms = parseDuration(run.limit);
    const timer =
      ms !== undefined && !isEffectivelyInfinite(ms)
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, ms)
        : undefined;
    try {
      const result = await executeOnNode(this.engine, {
        executionId: `${this.engine.config.executionPrefix}${run.attempt}-${node.wire.id.slice(6, 22)}-${Date.now().toString(36)}`,
        pool,
        node,
        relDir,
        commandLine: task.commandLine,
        containerSettings: task.containerSettings,
        job: {
          jobId: job.wire.id,
          taskId: task.id,
          common: job.wire.commonEnvironmentSettings,
          prepRelDir,
        },
        settings: task.environmentSettings,
        // Downloaded before the command like a task's; a failed download fails the attempt the
        // same way (usererror, no exit code, no retry).
        data: { resourceFiles: task.resourceFiles },
        hostAllowed: true,
        signal: controller.signal,
      });
      return { result, timedOut };
    } finally {
      clearTimeout(timer);
      this.closing.signal.removeEventListener("abort", abort);
      run.stop.removeEventListener("abort", abort);
    }
  }
}
