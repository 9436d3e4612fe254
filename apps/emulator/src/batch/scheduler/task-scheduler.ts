/**
 * Places active tasks of active jobs onto nodes with free slots (taskSlotsPerNode, requiredSlots,
 * the job's maxParallelTasks, the account-wide concurrency cap), runs them through the runtime and
 * records how they ended: retries on non-zero exits up to maxTaskRetryCount, no retry for
 * pre-processing failures, requeue on reboot/removal/restart, and onAllTasksComplete.
 */
import { entityUrl, type Engine } from "../engine";
import { isoNow, touch } from "../model/clock";
import { isEffectivelyInfinite, parseDuration } from "../model/duration";
import type { FailureInfoWire, JobRecord, NodeRecord, PoolRecord, TaskRecord } from "../model/types";
import type { RunResult } from "../runtime/task-runtime";
import { executeOnNode, nodeUrl } from "./execution";
import { completeJob } from "./job-transitions";
import { taskRelDir } from "./node-layout";

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

const ENDED: Record<string, string> = {
  terminate: "Task Was Ended by User Request",
  jobTerminate: "Task Was Ended because its Job was terminated",
  timeout: "Task Was Ended because it exceeded its maximum wall clock time",
};

export class TaskScheduler {
  private readonly queues = new Map<string, { items: TaskRecord[]; head: number }>();
  private readonly executions = new Map<TaskRecord, Execution>();
  private readonly byNode = new Map<NodeRecord, Set<Execution>>();
  private readonly byJob = new Map<string, Set<Execution>>();
  private scheduled = false;
  private stopped = false;
  /** Called when a node's last execution ended (the lifecycle waits for drains). */
  onNodeDrained: (node: NodeRecord) => void = () => undefined;

  constructor(private readonly engine: Engine) {}

  /** After a restart: tasks that were running are requeued as after a node reboot; all active tasks queue. */
  recover(): void {
    const now = isoNow();
    for (const job of this.engine.state.jobs.values()) {
      const jobKey = job.wire.id.toLowerCase();
      for (const task of this.engine.state.tasksOf(jobKey).page(-1, Number.MAX_SAFE_INTEGER, () => true)
        .items) {
        if (task.wire.state === "running" || task.wire.state === "preparing") {
          this.engine.state.updateTask(task, () => {
            this.transition(task, "active", now);
            task.wire.executionInfo.requeueCount++;
            task.wire.executionInfo.lastRequeueTime = now;
          });
          this.engine.state.stage(this.engine.state.key("task", task), task);
        }
        if (task.wire.state === "active") this.enqueue(task);
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

  isRunning(task: TaskRecord): boolean {
    return this.executions.has(task);
  }

  abortTask(task: TaskRecord, reason: AbortReason): Promise<void> {
    const e = this.executions.get(task);
    return e ? this.abort(e, reason) : Promise.resolve();
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
  }

  /** Stop placing and stop every execution without recording an outcome (recover() requeues them). */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.executions.values()].map((e) => this.abort(e, "shutdown")));
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

  private transition(task: TaskRecord, to: TaskRecord["wire"]["state"], now: string): void {
    const w = task.wire;
    w.previousState = w.state;
    w.previousStateTransitionTime = w.stateTransitionTime;
    w.state = to;
    w.stateTransitionTime = now;
    touch(w);
  }

  private start(job: JobRecord, pool: PoolRecord, node: NodeRecord, task: TaskRecord): void {
    const { state, config } = this.engine;
    const now = isoNow();
    const ei = task.wire.executionInfo;
    state.updateTask(task, () => {
      this.transition(task, "running", now);
      ei.startTime = now;
      delete ei.endTime;
      delete ei.exitCode;
      delete ei.result;
      delete ei.failureInfo;
      delete ei.containerInfo;
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
    if (this.runningOnNode(node) === 0) this.onNodeDrained(node);
    this.kick();
  }

  private record(e: Execution, result: RunResult, now: string): void {
    const { state } = this.engine;
    const { task } = e;
    const w = task.wire;
    const ei = w.executionInfo;
    const maxRetries = w.constraints.maxTaskRetryCount;
    let requeue = false;
    state.updateTask(task, () => {
      if (result.containerId)
        ei.containerInfo = { containerId: result.containerId, state: result.containerState };
      if (e.reason === "requeue") {
        this.transition(task, "active", now);
        ei.requeueCount++;
        ei.lastRequeueTime = now;
        requeue = true;
        return;
      }
      const ended = e.reason ? ENDED[e.reason] : undefined;
      if (ended)
        return this.complete(task, now, result.exitCode, {
          category: "usererror",
          code: "TaskEnded",
          message: ended,
        });
      if (result.failure) return this.complete(task, now, result.exitCode, result.failure);
      if (result.exitCode === 0) return this.complete(task, now, 0);
      if (maxRetries === -1 || ei.retryCount < maxRetries) {
        this.transition(task, "active", now);
        ei.exitCode = result.exitCode;
        ei.retryCount++;
        ei.lastRetryTime = now;
        requeue = true;
        return;
      }
      this.complete(task, now, result.exitCode, {
        category: "usererror",
        code: "FailureExitCode",
        message: "The task process exited with an unexpected exit code",
        details: [
          {
            name: "Message",
            value: `The task process exited with an unexpected exit code: ${result.exitCode}`,
          },
        ],
      });
    });
    state.stage(state.key("task", task), task);
    if (requeue) this.enqueue(task);
    else {
      const job = state.jobs.get(task.jobKey);
      const counts = state.countsOf(task.jobKey);
      if (
        job &&
        job.wire.state === "active" &&
        job.wire.onAllTasksComplete === "terminatejob" &&
        counts.open === 0
      ) {
        completeJob(job, "AllTasksComplete");
        state.stage(state.key("job", job), job);
      }
    }
  }

  private complete(
    task: TaskRecord,
    now: string,
    exitCode: number | undefined,
    failure?: FailureInfoWire,
  ): void {
    const ei = task.wire.executionInfo;
    this.transition(task, "completed", now);
    ei.endTime = now;
    if (exitCode !== undefined) ei.exitCode = exitCode;
    else delete ei.exitCode;
    ei.result = failure ? "failure" : "success";
    if (failure) ei.failureInfo = failure;
  }
}

export const taskUrl = (engine: Engine, jobId: string, taskId: string) =>
  entityUrl(engine.config, "jobs", jobId, "tasks", taskId);
