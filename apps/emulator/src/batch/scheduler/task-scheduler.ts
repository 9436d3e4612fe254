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
import type { OrderedIndex } from "../model/ordered-index";
import type { JobRecord, NodeRecord, PoolRecord, TaskRecord } from "../model/types";
import type { RunResult } from "../runtime/task-runtime";
import { executeOnNode, nodeUrl } from "./execution";
import type { JobNodeTasks } from "./job-node-tasks";
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
  failureExitCode,
  taskEndedFailure,
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
  /** The node's job preparation task failed while the task waited there. */
  unprepared?: boolean;
  done: Promise<void>;
}

/** `work`, or false as soon as `signal` aborts. */
const unlessAborted = (work: Promise<boolean>, signal: AbortSignal): Promise<boolean> =>
  signal.aborted
    ? Promise.resolve(false)
    : Promise.race([
        work,
        new Promise<boolean>((resolve) =>
          signal.addEventListener("abort", () => resolve(false), { once: true }),
        ),
      ]);

export class TaskScheduler {
  private readonly queues = new Map<string, { items: TaskRecord[]; head: number }>();
  private readonly executions = new Map<TaskRecord, Execution>();
  private readonly byNode = new Map<NodeRecord, Set<Execution>>();
  private readonly byJob = new Map<string, Set<Execution>>();
  /** Nodes a runExclusive job manager task runs on: nothing else is placed there meanwhile. */
  private readonly exclusive = new Set<NodeRecord>();
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
    /** Job preparation (before a job's tasks on a node) and job release (when the job ends). */
    private readonly jobTasks: JobNodeTasks,
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
            this.move(task, "terminate", { failure: taskEndedFailure("jobTerminate") }, now);
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
    this.move(task, "terminate", { failure: taskEndedFailure("terminate") });
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

  /**
   * The job ends (terminated or deleted; its tasks already stopped): preparations still running
   * stop, then its job release task runs on every node its preparation ran on.
   */
  async releaseJob(job: JobRecord): Promise<void> {
    await this.jobTasks.stopPreparations(job);
    await this.jobTasks.release(job);
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
    await this.jobTasks.close();
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
        if (!task.jobManager && managerYetToStart(job, tasks)) break;
        const node = this.pickNode(job, pool, task);
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

  /**
   * Spread: the usable node with the most free slots (an empty node ends the search). Not a node
   * a runExclusive job manager holds, nor one where the job's preparation failed (waitForSuccess);
   * a runExclusive job manager needs an empty node, one with allowLowPriorityNode false a dedicated one.
   */
  private pickNode(job: JobRecord, pool: PoolRecord, task: TaskRecord): NodeRecord | undefined {
    const slots = task.wire.requiredSlots;
    const jm = task.jobManager;
    let best: NodeRecord | undefined;
    let bestFree = 0;
    for (const node of this.engine.state.nodesOf(pool.wire.id.toLowerCase()).values()) {
      const w = node.wire;
      if ((w.state !== "idle" && w.state !== "running") || w.schedulingState !== "enabled") continue;
      if (this.exclusive.has(node) || (jm?.runExclusive && this.runningOnNode(node) > 0)) continue;
      if (jm?.allowLowPriorityNode === false && !w.isDedicated) continue;
      if (this.jobTasks.readiness(job, node) === "blocked") continue;
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
    // With a job preparation task to wait for, the task is on the node but `preparing` until it succeeds.
    const readiness = this.jobTasks.readiness(job, node);
    const first: TaskEvent = readiness === "prepare" ? "schedule" : "start";
    checkTaskTransition(task, first);
    state.updateTask(task, () => {
      applyTaskTransition(task, first, {}, now);
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
    if (task.jobManager?.runExclusive) this.exclusive.add(node);

    const prep = job.wire.jobPreparationTask;
    // waitForSuccess false: the preparation runs beside the job's tasks (a no-op once it has run here).
    if (prep && readiness === "ready") void this.jobTasks.prepare(job, pool, node);
    let timer: NodeJS.Timeout | undefined;
    const run = async (): Promise<RunResult> => {
      if (readiness === "prepare") {
        const ok = await unlessAborted(this.jobTasks.prepare(job, pool, node), e.controller.signal);
        if (e.controller.signal.aborted) return {};
        if (!ok) {
          e.unprepared = true;
          return {};
        }
        this.move(task, "start");
        this.noteRecent(node, task);
      }
      const limit = parseDuration(task.wire.constraints.maxWallClockTime);
      if (limit !== undefined && !isEffectivelyInfinite(limit))
        timer = setTimeout(() => void this.abort(e, "timeout"), limit);
      return executeOnNode(this.engine, {
        executionId: `${config.executionPrefix}${task.seq}-${ei.retryCount}-${ei.requeueCount}-${Date.now().toString(36)}`,
        pool,
        node,
        relDir: taskRelDir(job.wire.id, task.wire.id),
        commandLine: task.wire.commandLine,
        containerSettings: task.wire.containerSettings,
        job: {
          jobId: job.wire.id,
          taskId: task.wire.id,
          common: job.wire.commonEnvironmentSettings,
          prepRelDir: prep && taskRelDir(job.wire.id, prep.id),
        },
        settings: task.wire.environmentSettings,
        data: { resourceFiles: task.wire.resourceFiles, outputFiles: task.wire.outputFiles },
        packages: task.wire.applicationPackageReferences,
        signal: e.controller.signal,
      });
    };
    e.done = run()
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
    if (task.jobManager?.runExclusive) this.exclusive.delete(node);
    const now = isoNow();
    const n = node.wire;
    n.runningTasksCount = Math.max(0, n.runningTasksCount - 1);
    n.runningTaskSlotsCount = Math.max(0, n.runningTaskSlotsCount - task.wire.requiredSlots);
    if (e.reason !== "shutdown") {
      if (!e.unprepared) n.totalTasksRun++;
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
    if (e.unprepared && !e.reason) {
      this.move(task, "unschedule", {}, now);
      this.enqueue(task);
      return;
    }
    if (e.reason === "terminate" || e.reason === "jobTerminate" || e.reason === "timeout")
      this.move(task, "terminate", { exitCode, failure: taskEndedFailure(e.reason) }, now);
    else if (result.failure) this.move(task, "exit", { exitCode, failure: result.failure }, now);
    else if (exitCode === 0) this.move(task, "exit", { exitCode }, now);
    else if (maxRetries === -1 || ei.retryCount < maxRetries) {
      this.move(task, "retry", { exitCode }, now);
      this.enqueue(task);
      return;
    } else this.move(task, "exit", { exitCode, failure: failureExitCode(exitCode) }, now);
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
    // "If true, when the Job Manager Task completes, the Batch service marks the Job as complete."
    if (task.jobManager?.killJobOnCompletion)
      return this.inBackground(beginJobTermination(this.engine, this, job, "JMComplete"));
    if (job.wire.onAllTasksComplete === "terminatejob" && state.countsOf(task.jobKey).open === 0) {
      // A job release task runs before the job is completed.
      if (job.wire.jobReleaseTask)
        return this.inBackground(beginJobTermination(this.engine, this, job, "AllTasksComplete"));
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

/**
 * "The job manager task is started before all other tasks" (Azure Batch docs, "Jobs and tasks in
 * Azure Batch"). Being queued first is not enough: with a job preparation task each node prepares
 * on its own clock, so a task on another node could start running first. The job's other tasks
 * wait until the manager has started once.
 */
function managerYetToStart(job: JobRecord, tasks: OrderedIndex<TaskRecord>): boolean {
  const id = job.wire.jobManagerTask?.id;
  const manager = id === undefined ? undefined : tasks.get(id);
  if (!manager) return false;
  const { state, executionInfo } = manager.wire;
  return (state === "active" || state === "preparing") && executionInfo.startTime === undefined;
}
