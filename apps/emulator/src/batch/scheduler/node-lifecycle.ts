/**
 * Pools and their nodes over time: allocation (resizing -> steady, resizeTimeout, stopResize,
 * resizeErrors), node boot (creating -> starting -> [prefetch] -> waitingforstarttask -> idle,
 * or unusable / starttaskfailed), removal, reboot, reimage, scheduling on/off and pool deletion.
 * A node is a cheap record: nothing runs for it until a start task or task does.
 */
import { createHash } from "node:crypto";
import { setMaxListeners } from "node:events";
import type { Engine } from "../engine";
import { removeBelow } from "../files/confined-writes";
import { isoNow, touch } from "../model/clock";
import { parseDuration } from "../model/duration";
import { settleCommunicationMode } from "../model/node-communication";
import type { ErrorWire, NodeRecord, NodeState, PoolRecord } from "../model/types";
import { executeOnNode, nodeUrl, toCredential } from "./execution";
import { installApplicationPackages } from "../task-data/application-packages";
import { inboundEndpointsFor, natPoolsOf } from "./node-endpoints";
import { createNodeRoot, nodeRoot, poolDir, START_TASK_REL_DIR } from "./node-layout";
import type { PullResult } from "../runtime/task-runtime";
import type { NodeDrains } from "./node-drains";
import type { AbortReason, TaskScheduler } from "./task-scheduler";

/** requeue | terminate stop running tasks now; taskcompletion | retaineddata wait for them. */
export type DeallocationOption = "requeue" | "terminate" | "taskcompletion" | "retaineddata";

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<boolean>((resolve) => {
    if (signal.aborted) return resolve(false);
    const t = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      resolve(false);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });

export class NodeLifecycle {
  /** In-flight boot / reboot / leave work per node, cancelled when the node's plan changes. */
  private readonly work = new Map<NodeRecord, AbortController>();
  private readonly allocations = new Map<PoolRecord, AbortController>();
  private readonly leaving = new Map<PoolRecord, number>();
  /** Aborted on close; shared by every pending step of every node (hence no listener limit). */
  private readonly closing = new AbortController();

  constructor(
    private readonly engine: Engine,
    private readonly scheduler: TaskScheduler,
    private readonly drains: NodeDrains,
  ) {
    setMaxListeners(0, this.closing.signal);
  }

  private poolKey = (pool: PoolRecord) => pool.wire.id.toLowerCase();
  private nodes = (pool: PoolRecord) => [...this.engine.state.nodesOf(this.poolKey(pool)).values()];
  private saveNode = (node: NodeRecord) => this.engine.state.stage(this.engine.state.key("node", node), node);
  private savePool = (pool: PoolRecord) => this.engine.state.stage(this.engine.state.key("pool", pool), pool);

  private setNodeState(node: NodeRecord, state: NodeState): void {
    const from = node.wire.state;
    node.wire.state = state;
    node.wire.stateTransitionTime = isoNow();
    this.engine.agentLog.write(node, `node state ${from} -> ${state}`);
    this.saveNode(node);
  }

  private controllerFor(node: NodeRecord): AbortController {
    this.work.get(node)?.abort();
    const c = new AbortController();
    if (this.closing.signal.aborted) c.abort();
    this.work.set(node, c);
    return c;
  }

  /** Bring the pool to its targets: add nodes (creating) or remove the least busy ones. */
  resize(pool: PoolRecord, option: DeallocationOption = "requeue"): void {
    const w = pool.wire;
    w.allocationState = "resizing";
    w.allocationStateTransitionTime = isoNow();
    delete w.resizeErrors;
    const live = this.nodes(pool).filter((n) => n.wire.state !== "leavingpool");
    // Nodes joining an empty pool take up its target communication mode.
    if (live.length === 0) settleCommunicationMode(pool, false);
    for (const dedicated of [true, false]) {
      const have = live.filter((n) => n.wire.isDedicated === dedicated);
      const want = dedicated ? w.targetDedicatedNodes : w.targetLowPriorityNodes;
      for (let i = have.length; i < want; i++) this.createNode(pool, dedicated);
      const order: NodeState[] = [
        "creating",
        "starting",
        "unusable",
        "starttaskfailed",
        "waitingforstarttask",
        "idle",
      ];
      const rank = (n: NodeRecord) => {
        const r = order.indexOf(n.wire.state);
        return r < 0 ? order.length : r;
      };
      for (const node of have.sort((a, b) => rank(a) - rank(b)).slice(0, Math.max(0, have.length - want)))
        this.leave(pool, node, option);
    }
    this.refreshCounts(pool);
    this.allocate(pool);
  }

  private createNode(pool: PoolRecord, dedicated: boolean): NodeRecord {
    const { state, config } = this.engine;
    const seq = state.nextSeq();
    const hash = createHash("sha256")
      .update(`${config.accountName}/${pool.wire.id}/${pool.seq}/${seq}`)
      .digest("hex");
    const id = `tvmps_${hash}_${dedicated ? "d" : "p"}`;
    const now = isoNow();
    const node: NodeRecord = {
      seq,
      poolKey: this.poolKey(pool),
      wire: {
        id,
        url: "",
        state: "creating",
        schedulingState: "enabled",
        stateTransitionTime: now,
        allocationTime: now,
        ipAddress: `10.${(seq >> 16) & 255}.${(seq >> 8) & 255}.${seq & 255}`,
        affinityId: `TVM:${id}`,
        vmSize: pool.wire.vmSize,
        totalTasksRun: 0,
        runningTasksCount: 0,
        runningTaskSlotsCount: 0,
        totalTasksSucceeded: 0,
        isDedicated: dedicated,
        nodeAgentInfo: { version: "1.10.0-emulator", lastUpdateTime: now },
        virtualMachineInfo: { imageReference: pool.wire.virtualMachineConfiguration?.imageReference },
      },
    };
    node.wire.url = nodeUrl(this.engine, pool, node);
    if (natPoolsOf(pool).length > 0) {
      const inboundEndpoints = inboundEndpointsFor(pool, this.nodes(pool), config.accountName, config.region);
      node.wire.endpointConfiguration = { inboundEndpoints };
    }
    state.nodesOf(node.poolKey).add(id, node);
    this.engine.agentLog.write(node, `node ${id} allocated in pool ${pool.wire.id} (${pool.wire.vmSize})`);
    this.saveNode(node);
    return node;
  }

  /** After nodeAllocateMs the creating nodes exist (-> starting and boot), unless blocked or timed out. */
  private allocate(pool: PoolRecord): void {
    this.allocations.get(pool)?.abort();
    const c = new AbortController();
    if (this.closing.signal.aborted) c.abort();
    this.allocations.set(pool, c);
    const timeout = parseDuration(pool.wire.resizeTimeout) ?? 15 * 60_000;
    const allocateMs = this.engine.config.timeScale.nodeAllocateMs;
    void sleep(Math.min(allocateMs, timeout), c.signal).then((ok) => {
      if (!ok) return;
      this.allocations.delete(pool);
      const creating = this.nodes(pool).filter((n) => n.wire.state === "creating");
      let error: ErrorWire | undefined = pool.allocationBlocker;
      if (!error && allocateMs > timeout && creating.length)
        error = {
          code: "AllocationTimedout",
          message:
            "Desired number of dedicated nodes could not be allocated as the resize timeout was reached",
          values: [
            {
              name: "Reason",
              value: `Allocation did not finish within resizeTimeout ${pool.wire.resizeTimeout}`,
            },
          ],
        };
      if (error) {
        for (const node of creating) this.removeNow(pool, node);
        pool.wire.resizeErrors = [error];
      } else for (const node of creating) this.boot(pool, node, "allocated");
      this.refreshCounts(pool);
      this.maybeSteady(pool);
    });
  }

  stopResize(pool: PoolRecord): void {
    if (pool.wire.allocationState !== "resizing") return;
    pool.wire.allocationState = "stopping";
    pool.wire.allocationStateTransitionTime = isoNow();
    this.allocations.get(pool)?.abort();
    this.allocations.delete(pool);
    const stopped = this.nodes(pool).filter((n) => n.wire.state === "creating");
    void sleep(this.engine.config.timeScale.stepMs, this.closing.signal).then((ok) => {
      if (!ok) return;
      for (const node of stopped) if (node.wire.state === "creating") this.removeNow(pool, node);
      pool.wire.resizeErrors = [
        {
          code: "ResizeStopped",
          message:
            "Desired number of dedicated nodes could not be allocated as the resize operation was stopped by the user",
        },
      ];
      this.refreshCounts(pool);
      this.maybeSteady(pool, true);
    });
  }

  private maybeSteady(pool: PoolRecord, force = false): void {
    const w = pool.wire;
    if (w.state === "deleting" || this.allocations.has(pool) || (this.leaving.get(pool) ?? 0) > 0) return;
    if (w.allocationState === "steady" || (w.allocationState === "stopping" && !force)) return;
    w.allocationState = "steady";
    w.allocationStateTransitionTime = isoNow();
    touch(w);
    this.savePool(pool);
  }

  private refreshCounts(pool: PoolRecord): void {
    const live = this.nodes(pool).filter(
      (n) => n.wire.state !== "leavingpool" && n.wire.state !== "creating",
    );
    pool.wire.currentDedicatedNodes = live.filter((n) => n.wire.isDedicated).length;
    pool.wire.currentLowPriorityNodes = live.length - pool.wire.currentDedicatedNodes;
    this.savePool(pool);
  }

  /** starting -> prefetch images -> (start task) -> idle; `from` says what the node went through. */
  private boot(pool: PoolRecord, node: NodeRecord, _from: "allocated" | "rebooted" | "recovered"): void {
    const c = this.controllerFor(node);
    const now = isoNow();
    node.wire.lastBootTime = now;
    delete node.wire.errors;
    delete node.wire.startTaskInfo;
    node.wire.startTask = pool.wire.startTask;
    this.setNodeState(node, "starting");
    void (async () => {
      const root = nodeRoot(this.engine.config.dataDir, node.poolKey, node.wire.id);
      await createNodeRoot(root);
      const cc = pool.wire.virtualMachineConfiguration?.containerConfiguration;
      const registries = (cc?.containerRegistries ?? []).map(toCredential);
      for (const image of cc?.containerImageNames ?? []) {
        const pulled: PullResult = await this.engine.config.runtime
          .pull(image, registries, c.signal)
          .catch((e: unknown) => ({
            ok: false,
            failure: { category: "servererror", code: "ContainerMiscError", message: String(e) },
          }));
        if (c.signal.aborted) return;
        if (!pulled.ok) {
          const reason =
            pulled.failure?.details?.map((d) => d.value).join("; ") ||
            pulled.failure?.message ||
            "unknown error";
          node.wire.errors = [
            {
              code: pulled.failure?.code ?? "ContainerMiscError",
              message: `Failed to pull container image '${image}': ${pulled.failure?.message ?? reason}`,
              errorDetails: [
                { name: "ImageName", value: image },
                { name: "Message", value: reason },
              ],
            },
          ];
          this.setNodeState(node, "unusable");
          return;
        }
      }
      if (!(await this.installPoolPackages(pool, node, root, c.signal))) return;
      if (!(await sleep(this.engine.config.timeScale.nodeBootMs, c.signal))) return;
      await this.runStartTask(pool, node, c.signal);
      if (this.work.get(node) === c) this.work.delete(node);
    })().catch(() => {
      if (!c.signal.aborted) this.setNodeState(node, "unusable");
    });
  }

  /**
   * The pool's application packages, installed at every boot (join, reboot, reimage) for all its
   * tasks; one that cannot be installed makes the node unusable ("If an application package
   * deployment fails for any reason, the Batch service marks the node unusable", Learn).
   */
  private async installPoolPackages(
    pool: PoolRecord,
    node: NodeRecord,
    root: string,
    signal: AbortSignal,
  ): Promise<boolean> {
    const { config } = this.engine;
    const installed = await installApplicationPackages(pool.wire.applicationPackageReferences, {
      anchor: config.dataDir,
      root,
      applications: config.applications,
      autoStorage: config.autoStorage,
      signal,
    });
    if (signal.aborted) return false;
    if ("failure" in installed) {
      const { code, message, details } = installed.failure;
      node.wire.errors = [{ code, message, errorDetails: details ?? [] }];
      this.setNodeState(node, "unusable");
      return false;
    }
    node.packageEnv = installed.env;
    return true;
  }

  private async runStartTask(pool: PoolRecord, node: NodeRecord, signal: AbortSignal): Promise<void> {
    const st = pool.wire.startTask;
    if (!st) {
      this.setNodeState(node, "idle");
      this.scheduler.kick();
      return;
    }
    const waitForSuccess = st.waitForSuccess ?? true;
    this.setNodeState(node, waitForSuccess ? "waitingforstarttask" : "idle");
    if (!waitForSuccess) this.scheduler.kick();
    const info = (node.wire.startTaskInfo = {
      state: "running" as "running" | "completed",
      startTime: isoNow(),
      retryCount: 0,
    } as NonNullable<NodeRecord["wire"]["startTaskInfo"]>);
    const maxRetries = st.maxTaskRetryCount ?? 0;
    for (;;) {
      if (!(await this.engine.gate.acquire(signal))) return;
      const result = await executeOnNode(this.engine, {
        executionId: `${this.engine.config.executionPrefix}start-${node.wire.id.slice(6, 22)}-${Date.now().toString(36)}`,
        pool,
        node,
        relDir: START_TASK_REL_DIR,
        commandLine: st.commandLine,
        containerSettings: st.containerSettings,
        settings: st.environmentSettings,
        data: { resourceFiles: st.resourceFiles },
        signal,
      }).finally(() => {
        // The freed slot may let a queued task start.
        this.engine.gate.release();
        this.scheduler.kick();
      });
      if (signal.aborted) return;
      if (result.containerId)
        info.containerInfo = { containerId: result.containerId, state: result.containerState };
      if (!result.failure && result.exitCode === 0) {
        Object.assign(info, { state: "completed", endTime: isoNow(), exitCode: 0, result: "success" });
        if (waitForSuccess) this.setNodeState(node, "idle");
        else this.saveNode(node);
        this.scheduler.kick();
        return;
      }
      if (!result.failure && (maxRetries === -1 || info.retryCount < maxRetries)) {
        info.retryCount++;
        info.lastRetryTime = isoNow();
        continue;
      }
      Object.assign(info, {
        state: "completed",
        endTime: isoNow(),
        exitCode: result.exitCode,
        result: "failure",
        failureInfo: result.failure ?? {
          category: "usererror",
          code: "FailureExitCode",
          message: "The start task process exited with an unexpected exit code",
          details: [{ name: "Message", value: `exit code ${result.exitCode}` }],
        },
      });
      if (waitForSuccess) this.setNodeState(node, "starttaskfailed");
      else this.saveNode(node);
      return;
    }
  }

  private waitDrained(node: NodeRecord): Promise<void> {
    return this.drains.wait(node, () => this.scheduler.runningOnNode(node) > 0);
  }

  /** Stop what runs on a node according to a deallocation / reboot / disable option. */
  private settleTasks(node: NodeRecord, option: DeallocationOption): Promise<void> {
    if (option === "requeue" || option === "terminate") {
      const reason: AbortReason = option === "terminate" ? "terminate" : "requeue";
      return this.scheduler.abortNode(node, reason);
    }
    return this.waitDrained(node);
  }

  /** leavingpool, tasks settled, then the node is gone (and its directory with it). */
  leave(pool: PoolRecord, node: NodeRecord, option: DeallocationOption): Promise<void> {
    if (node.wire.state === "creating") {
      this.removeNow(pool, node);
      return Promise.resolve();
    }
    const c = this.controllerFor(node);
    this.setNodeState(node, "leavingpool");
    this.leaving.set(pool, (this.leaving.get(pool) ?? 0) + 1);
    return this.settleTasks(node, option)
      .then(() => sleep(this.engine.config.timeScale.stepMs, this.closing.signal))
      .then((ok) => {
        if (!ok || c.signal.aborted) return;
        this.removeNow(pool, node);
      })
      .catch(() => undefined)
      .finally(() => {
        this.leaving.set(pool, (this.leaving.get(pool) ?? 1) - 1);
        this.refreshCounts(pool);
        this.maybeSteady(pool);
      });
  }

  private removeNow(_pool: PoolRecord, node: NodeRecord): void {
    this.work.get(node)?.abort();
    this.work.delete(node);
    const { state, config } = this.engine;
    if (state.nodesOf(node.poolKey).get(node.wire.id) !== node) return;
    state.nodesOf(node.poolKey).delete(node.wire.id);
    state.stage(state.key("node", node), undefined);
    void removeBelow(config.dataDir, nodeRoot(config.dataDir, node.poolKey, node.wire.id)).catch(
      () => undefined,
    );
  }

  removeNodes(pool: PoolRecord, nodes: NodeRecord[], option: DeallocationOption): void {
    const w = pool.wire;
    w.allocationState = "resizing";
    w.allocationStateTransitionTime = isoNow();
    delete w.resizeErrors;
    for (const node of nodes) void this.leave(pool, node, option);
    // The targets become what remains, as after a remove-nodes on Batch.
    const remaining = this.nodes(pool).filter((n) => n.wire.state !== "leavingpool");
    w.targetDedicatedNodes = remaining.filter((n) => n.wire.isDedicated).length;
    w.targetLowPriorityNodes = remaining.length - w.targetDedicatedNodes;
    this.refreshCounts(pool);
    this.maybeSteady(pool);
  }

  /** Pool deletion: every node leaves (tasks requeued), then the pool record and its folder go. */
  deletePool(pool: PoolRecord): Promise<void> {
    this.allocations.get(pool)?.abort();
    this.allocations.delete(pool);
    const { state, config } = this.engine;
    return Promise.all(this.nodes(pool).map((n) => this.leave(pool, n, "requeue")))
      .then(() => sleep(config.timeScale.stepMs, this.closing.signal))
      .then(async (ok) => {
        if (!ok || state.pools.get(pool.wire.id) !== pool) return;
        state.pools.delete(pool.wire.id);
        state.dropPoolIndexes(this.poolKey(pool));
        await state.commit([[state.key("pool", pool), undefined]]);
        await removeBelow(config.dataDir, poolDir(config.dataDir, this.poolKey(pool))).catch(() => undefined);
      });
  }

  /** reboot / reimage: settle tasks per option, (wipe the node for reimage), boot again. */
  restart(pool: PoolRecord, node: NodeRecord, option: DeallocationOption, reimage: boolean): void {
    const c = this.controllerFor(node);
    this.setNodeState(node, reimage ? "reimaging" : "rebooting");
    void this.settleTasks(node, option)
      .then(async () => {
        if (reimage)
          await removeBelow(
            this.engine.config.dataDir,
            nodeRoot(this.engine.config.dataDir, node.poolKey, node.wire.id),
          );
        return sleep(this.engine.config.timeScale.stepMs, c.signal);
      })
      .then((ok) => {
        if (ok) this.boot(pool, node, "rebooted");
      })
      .catch(() => this.setNodeState(node, "unusable"));
  }

  disableScheduling(node: NodeRecord, option: "requeue" | "terminate" | "taskcompletion"): void {
    node.wire.schedulingState = "disabled";
    this.saveNode(node);
    if (option !== "taskcompletion") void this.settleTasks(node, option);
  }

  enableScheduling(node: NodeRecord): void {
    node.wire.schedulingState = "enabled";
    this.saveNode(node);
    this.scheduler.kick();
  }

  /** After a restart: nothing runs any more, so resume every node's and pool's unfinished step. */
  recover(): void {
    for (const pool of [...this.engine.state.pools.values()]) {
      if (pool.wire.state === "deleting") {
        void this.deletePool(pool).catch(() => undefined);
        continue;
      }
      for (const node of this.nodes(pool)) {
        const w = node.wire;
        w.runningTasksCount = 0;
        w.runningTaskSlotsCount = 0;
        if (w.state === "running") w.state = "idle";
        if (w.state === "leavingpool") this.removeNow(pool, node);
        else if (["starting", "waitingforstarttask", "rebooting", "reimaging", "unknown"].includes(w.state))
          this.boot(pool, node, "recovered");
        else if (w.startTaskInfo?.state === "running") this.boot(pool, node, "recovered");
        this.saveNode(node);
      }
      if (pool.wire.allocationState !== "steady") this.resize(pool);
      else this.refreshCounts(pool);
    }
  }

  close(): void {
    this.closing.abort();
    for (const c of this.work.values()) c.abort();
    for (const c of this.allocations.values()) c.abort();
  }
}
