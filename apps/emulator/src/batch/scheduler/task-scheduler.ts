/**
 * Places active tasks of active jobs onto nodes with free slots (taskSlotsPerNode, requiredSlots,
 * the job's maxParallelTasks, the account-wide concurrency cap) once their dependsOn is met, runs
 * them through the runtime and records how they ended, every state change through
 * task-transitions.ts: retries on non-zero exits up to maxTaskRetryCount, no retry for
 * pre-processing failures, maxWallClockTime, requeue on reboot/removal/restart; then the exit
 * options (jobAction under onTaskFailure, dependencyAction), retention and onAllTasksComplete.
 */
import { entityUrl, type Engine } from "../engine";
import { isoNow } from "../model/clock";
import { isEffectivelyInfinite, parseDuration } from "../model/duration";
import type { FailureInfoWire, JobRecord, NodeRecord, PoolRecord, TaskRecord } from "../model/types";
import type { RunResult } from "../runtime/task-runtime";
import { executeOnNode, nodeUrl } from "./execution";
import { endingOf, exitOptionsFor } from "./exit-options";
import { completeJob } from "./job-transitions";
import { beginJobDisable, beginJobTermination } from "./job-work";
import { taskRelDir } from "./node-layout";
import type { NodeDrains } from "./node-drains";
import { dependenciesMet } from "./task-dependencies";
import type { TaskRetention } from "./task-retention";
import {
  applyTaskTransition,
  checkTaskTransition,
  type TaskEvent,
  type TaskOutcome,
} from "./task-transitions";

/** Why an execution was stopped; decides what happens to the task afterwards. */
export type AbortReason = "requeue" | "terminate" | "jobTerminate" | "timeout" | "delete" | "shutdown";

interface Execution {
  task: TaskRecord;
  node: NodeRecord;
  jobKey: string;
  controller: AbortController;
  reason?: AbortReason;
  done: Promise<void>;
}

/** The TaskEnded failure of a task Batch stopped: by the user, its job's termination, or maxWallClockTime. */
const ended = (why: "terminate" | "jobTerminate" | "timeout"): FailureInfoWire =>
  why === "timeout"
    ? {
        // Microsoft Learn "Job and task error checking": a task over its maxWallClockTime is
        // completed with failureInfo { category: ServerError, code: TaskEnded }.
        category: "servererror",
        code: "TaskEnded",
        message: "Task Was Ended because it exceeded its maximum wall clock time",
      }
    : {
        category: "usererror",
        code: "TaskEnded",
        message:
          why === "terminate"
            ? "Task Was Ended by User Request"
            : "Task Was Ended because its Job was terminated",
      };

export class TaskScheduler {
  private readonly queues = new Map<string, { items: TaskRecord[]; head: number }>();
  private readonly executions = new Map<TaskRecord, Execution>();
  private readonly byNode = new Map<NodeRecord, Set<Execution>>();
  private readonly byJob = new Map<string, Set<Execution>>();
  /** Per job: active tasks whose dependsOn is not met yet; looked at again when a task of the job completes. */
  private readonly waiting = new Map<string, Set<TaskRecord>>();
  /** Job terminations and disables a task's exit options started; awaited by stop(). */
  private readonly background = new Set<Promise<void>>();
  private scheduled = false;
  private stopped = false;

  constructor(
    private readonly engine: Engine,
    /** Told when a node's last execution ended (the node lifecycle waits for drains). */
    private readonly drains: NodeDrains,
    /** Removes completed tasks' directories after their retentionTime. */
    private readonly retention: TaskRetention,
  ) {}

  /** Every task state change: through the transition table, with the job's counts kept and staged. */
  private move(task: TaskRecord, event: TaskEvent, outcome?: TaskOutcome, now = isoNow()): void {
    const { state } = this.engine;
    // A refused move must throw before the counts are taken apart.
    checkTaskTransition(task, event);
    state.updateTask(task, () => applyTaskTransition(task, event, outcome, now));
    state.stage(state.key("task", task), task);
  }

  /**
   * After a restart: tasks that were running are requeued as after a node reboot (or ended, when
   * their job was being terminated); all active tasks queue.
   */
  recover(): void {
    const now = isoNow();
    for (const job of this.engine.state.jobs.values()) {
      const jobKey = job.wire.id.toLowerCase();
      for (const task of this.engine.state.tasksOf(jobKey).page(-1, Number.MAX_SAFE_INTEGER, () => true)
        .items) {
        if (task.wire.state === "running" || task.wire.state === "preparing") {
          if (job.wire.state !== "terminating") this.move(task, "requeue", {}, now);
          else {
            this.move(task, "terminate", { failure: ended("jobTerminate") }, now);
            this.completed(task, "jobTerminate");
          }
        }
        if (task.wire.state === "active") this.enqueue(task);
        else if (task.wire.state === "completed") this.retention.keep(task);
      }
    }
    this.kick();
  }

  enqueue(task: TaskRecord): void {
    let q = this.queues.get(task.jobKey);
    if (!q) this.queues.set(task.jobKey, (q = { items: [], head: 0 }));
    q.items.push(task);
    this.kick();
  }

  /** Schedule a placement pass (coalesced). */
  kick(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => this.pass());
  }

  runningOnNode(node: NodeRecord): number {
    return this.byNode.get(node)?.size ?? 0;
  }

  runningInJob(jobKey: string): number {
    return this.byJob.get(jobKey)?.size ?? 0;
  }

  abortTask(task: TaskRecord, reason: AbortReason): Promise<void> {
    const e = this.executions.get(task);
    return e ? this.abort(e, reason) : Promise.resolve();
  }

  /**
   * Terminate (the API): a running task is stopped and ends with TaskEnded; one that waits ends
   * at once. A completed task stays as it is.
   */
  async terminate(task: TaskRecord): Promise<void> {
    if (this.executions.has(task)) return this.abortTask(task, "terminate");
    if (task.wire.state === "completed") return;
    this.move(task, "terminate", { failure: ended("terminate") });
    this.completed(task, "terminate");
  }

  /** Reactivate (the API): a failed task queues again with a fresh retry count; else the 409. */
  reactivate(task: TaskRecord): void {
    this.move(task, "reactivate");
    this.enqueue(task);
  }

  abortNode(node: NodeRecord, reason: AbortReason): Promise<void> {
    return Promise.all([...(this.byNode.get(node) ?? [])].map((e) => this.abort(e, reason))).then(
      () => undefined,
    );
  }

  abortJob(jobKey: string, reason: AbortReason): Promise<void> {
    return Promise.all([...(this.byJob.get(jobKey) ?? [])].map((e) => this.abort(e, reason))).then(
      () => undefined,
    );
  }

  /** Drop the queue of a deleted job. */
  forgetJob(jobKey: string): void {
    this.queues.delete(jobKey);
    this.waiting.delete(jobKey);
  }

  /** Stop placing and stop every execution without recording an outcome (recover() requeues them). */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.executions.values()].map((e) => this.abort(e, "shutdown")));
    await Promise.allSettled([...this.background]);
  }

  private abort(e: Execution, reason: AbortReason): Promise<void> {
    e.reason ??= reason;
    e.controller.abort();
    return e.done;
  }

  private pass(): void {
    this.scheduled = false;
    if (this.stopped) return;
    const { state, gate } = this.engine;
    const jobs = [...state.jobs.values()]
      .filter((j) => j.wire.state === "active")
      .sort((a, b) => b.wire.priority - a.wire.priority || a.seq - b.seq);
    for (const job of jobs) {
      if (!gate.available) return;
      const jobKey = job.wire.id.toLowerCase();
      const q = this.queues.get(jobKey);
      if (!q || q.head >= q.items.length) continue;
      const pool = job.wire.poolInfo.poolId ? state.pools.get(job.wire.poolInfo.poolId) : undefined;
      if (!pool || pool.wire.state !== "active") continue;
      const tasks = state.tasksOf(jobKey);
      let running = this.runningInJob(jobKey);
      while (q.head < q.items.length && gate.available) {
        const task = q.items[q.head]!;
        if (task.wire.state !== "active" || this.executions.has(task) || tasks.get(task.wire.id) !== task) {
          q.head++;
          continue;
        }
        if (!dependenciesMet(task.wire.dependsOn, tasks)) {
          q.head++;
          this.waitForDependencies(task);
          continue;
        }
        if (job.wire.maxParallelTasks >= 0 && running >= job.wire.maxParallelTasks) break;
        const node = this.pickNode(pool, task.wire.requiredSlots);
        if (!node) break;
        q.head++;
        gate.tryAcquire();
        running++;
        this.start(job, pool, node, task);
      }
      if (q.head > 1024 && q.head * 2 > q.items.length) {
        q.items = q.items.slice(q.head);
        q.head = 0;
      }
    }
  }

  /** Spread: the usable node with the most free slots (an empty node ends the search). */
  private pickNode(pool: PoolRecord, slots: number): NodeRecord | undefined {
    let best: NodeRecord | undefined;
    let bestFree = 0;
    for (const node of this.engine.state.nodesOf(pool.wire.id.toLowerCase()).values()) {
      const w = node.wire;
      if ((w.state !== "idle" && w.state !== "running") || w.schedulingState !== "enabled") continue;
      const free = pool.wire.taskSlotsPerNode - w.runningTaskSlotsCount;
      if (free >= slots && free > bestFree) {
        best = node;
        bestFree = free;
        if (w.runningTaskSlotsCount === 0) break;
      }
    }
    return best;
  }

  private start(job: JobRecord, pool: PoolRecord, node: NodeRecord, task: TaskRecord): void {
    const { state, config } = this.engine;
    const now = isoNow();
    const ei = task.wire.executionInfo;
    this.retention.release(task);
    checkTaskTransition(task, "start");
    state.updateTask(task, () => {
      applyTaskTransition(task, "start", {}, now);
      const rel = taskRelDir(job.wire.id, task.wire.id);
      const url = nodeUrl(this.engine, pool, node);
      task.wire.nodeInfo = {
        affinityId: node.wire.affinityId,
        nodeUrl: url,
        poolId: pool.wire.id,
        nodeId: node.wire.id,
        taskRootDirectory: rel,
        taskRootDirectoryUrl: `${url}/files/${rel}`,
      };
    });
    const n = node.wire;
    n.runningTasksCount++;
    n.runningTaskSlotsCount += task.wire.requiredSlots;
    this.setBusyState(node, now);
    this.noteRecent(node, task);
    state.stage(state.key("task", task), task);
    state.stage(state.key("node", node), node);

    const jobKey = task.jobKey;
    const e: Execution = { task, node, jobKey, controller: new AbortController(), done: Promise.resolve() };
    this.executions.set(task, e);
    if (!this.byNode.has(node)) this.byNode.set(node, new Set());
    this.byNode.get(node)!.add(e);
    if (!this.byJob.has(jobKey)) this.byJob.set(jobKey, new Set());
    this.byJob.get(jobKey)!.add(e);

    const limit = parseDuration(task.wire.constraints.maxWallClockTime);
    const timer =
      limit !== undefined && !isEffectivelyInfinite(limit)
        ? setTimeout(() => void this.abort(e, "timeout"), limit)
        : undefined;
    e.done = executeOnNode(this.engine, {
      executionId: `${config.executionPrefix}${task.seq}-${ei.retryCount}-${ei.requeueCount}-${Date.now().toString(36)}`,
      pool,
      node,
      relDir: taskRelDir(job.wire.id, task.wire.id),
      commandLine: task.wire.commandLine,
      containerSettings: task.wire.containerSettings,
      job: { jobId: job.wire.id, taskId: task.wire.id, common: job.wire.commonEnvironmentSettings },
      settings: task.wire.environmentSettings,
      data: { resourceFiles: task.wire.resourceFiles, outputFiles: task.wire.outputFiles },
      signal: e.controller.signal,
    })
      .catch((err: unknown): RunResult => ({
        failure: {
          category: "servererror",
          code: "Unknown",
          message: "The task could not be run",
          details: [{ name: "Message", value: String(err) }],
        },
      }))
      .then((result) => {
        clearTimeout(timer);
        this.finished(e, result);
      })
      .catch((err: unknown) => console.error("[batch] recording a task outcome failed:", err));
  }

  private setBusyState(node: NodeRecord, now: string): void {
    const w = node.wire;
    if (w.state !== "idle" && w.state !== "running") return;
    const next = w.runningTasksCount > 0 ? "running" : "idle";
    if (next !== w.state) {
      w.state = next;
      w.stateTransitionTime = now;
    }
  }

  private noteRecent(node: NodeRecord, task: TaskRecord): void {
    const entry = {
      taskUrl: task.wire.url,
      jobId: this.engine.state.jobs.get(task.jobKey)?.wire.id ?? task.jobKey,
      taskId: task.wire.id,
      taskState: task.wire.state,
      executionInfo: { ...task.wire.executionInfo },
    };
    const recent = (node.wire.recentTasks ?? []).filter((r) => r.taskUrl !== task.wire.url);
    node.wire.recentTasks = [entry, ...recent].slice(0, 10);
  }

  private finished(e: Execution, result: RunResult): void {
    const { state, gate } = this.engine;
    const { task, node } = e;
    this.executions.delete(task);
    this.byNode.get(node)?.delete(e);
    this.byJob.get(e.jobKey)?.delete(e);
    const now = isoNow();
    const n = node.wire;
    n.runningTasksCount = Math.max(0, n.runningTasksCount - 1);
    n.runningTaskSlotsCount = Math.max(0, n.runningTaskSlotsCount - task.wire.requiredSlots);
    if (e.reason !== "shutdown") {
      n.totalTasksRun++;
      if (!e.reason && !result.failure && result.exitCode === 0) n.totalTasksSucceeded++;
      this.setBusyState(node, now);
      if (state.tasksOf(task.jobKey).get(task.wire.id) === task && e.reason !== "delete")
        this.record(e, result, now);
      this.noteRecent(node, task);
      state.stage(state.key("node", node), node);
    }
    gate.release();
    if (this.runningOnNode(node) === 0) this.drains.drained(node);
    this.kick();
  }

  private record(e: Execution, result: RunResult, now: string): void {
    const { task } = e;
    const ei = task.wire.executionInfo;
    const maxRetries = task.wire.constraints.maxTaskRetryCount;
    if (result.containerId)
      ei.containerInfo = { containerId: result.containerId, state: result.containerState };
    const { exitCode } = result;
    if (e.reason === "requeue") {
      this.move(task, "requeue", {}, now);
      this.enqueue(task);
      return;
    }
    if (e.reason === "terminate" || e.reason === "jobTerminate" || e.reason === "timeout")
      this.move(task, "terminate", { exitCode, failure: ended(e.reason) }, now);
    else if (result.failure) this.move(task, "exit", { exitCode, failure: result.failure }, now);
    else if (exitCode === 0) this.move(task, "exit", { exitCode }, now);
    else if (maxRetries === -1 || ei.retryCount < maxRetries) {
      this.move(task, "retry", { exitCode }, now);
      this.enqueue(task);
      return;
    } else
      this.move(
        task,
        "exit",
        {
          exitCode,
          failure: {
            category: "usererror",
            code: "FailureExitCode",
            message: "The task process exited with an unexpected exit code",
            details: [
              { name: "Message", value: `The task process exited with an unexpected exit code: ${exitCode}` },
            ],
          },
        },
        now,
      );
    this.completed(task, e.reason);
  }

  /**
   * After a task completed: its exit options decide its dependents (dependencyAction) and, when
   * the job says performexitoptionsjobaction, the job (jobAction); then retention and
   * onAllTasksComplete. A task the user or its job's termination ended takes no job action.
   */
  private completed(task: TaskRecord, why: AbortReason | undefined): void {
    const { state } = this.engine;
    const ei = task.wire.executionInfo;
    const options = exitOptionsFor(task.wire.exitConditions, endingOf(ei.exitCode, ei.failureInfo));
    task.dependencyAction = options.dependencyAction;
    state.stage(state.key("task", task), task);
    this.retention.keep(task);
    this.releaseDependents(task.jobKey);
    const job = state.jobs.get(task.jobKey);
    if (!job || job.wire.state !== "active") return;
    const byUser = why === "terminate" || why === "jobTerminate";
    if (!byUser && ei.result === "failure" && job.wire.onTaskFailure === "performexitoptionsjobaction") {
      if (options.jobAction === "terminate")
        return this.inBackground(beginJobTermination(this.engine, this, job, "TaskFailed"));
      if (options.jobAction === "disable") return this.inBackground(beginJobDisable(this.engine, this, job));
    }
    if (job.wire.onAllTasksComplete === "terminatejob" && state.countsOf(task.jobKey).open === 0) {
      completeJob(job, "AllTasksComplete");
      state.stage(state.key("job", job), job);
    }
  }

  private inBackground(work: Promise<void>): void {
    const p = work
      .catch((err: unknown) => console.error("[batch] a job action failed:", err))
      .finally(() => this.background.delete(p));
    this.background.add(p);
  }

  private waitForDependencies(task: TaskRecord): void {
    let set = this.waiting.get(task.jobKey);
    if (!set) this.waiting.set(task.jobKey, (set = new Set()));
    set.add(task);
  }

  /** A task of the job completed: queue the waiting tasks whose dependencies are now met. */
  private releaseDependents(jobKey: string): void {
    const set = this.waiting.get(jobKey);
    if (!set) return;
    const tasks = this.engine.state.tasksOf(jobKey);
    for (const t of set) {
      if (tasks.get(t.wire.id) !== t || t.wire.state !== "active") set.delete(t);
      else if (dependenciesMet(t.wire.dependsOn, tasks)) {
        set.delete(t);
        this.enqueue(t);
      }
    }
  }
}

export const taskUrl = (engine: Engine, jobId: string, taskId: string) =>
  entityUrl(engine.config, "jobs", jobId, "tasks", taskId);
