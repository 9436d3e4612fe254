/**
 * TaskConstraints.retentionTime: a completed task's directory is removed from its node that long
 * after the task completed (default P7D). A task that runs again (reactivated) keeps its directory.
 * Periods a timer cannot hold (about 24.8 days and more) keep the directory until the node goes.
 */
import { join } from "node:path";
import type { Engine } from "../engine";
import { removeBelow } from "../files/confined-writes";
import { isEffectivelyInfinite, parseDuration } from "../model/duration";
import type { TaskRecord } from "../model/types";
import { nodeRoot } from "./node-layout";

export class TaskRetention {
  private readonly timers = new Map<TaskRecord, NodeJS.Timeout>();

  constructor(private readonly engine: Engine) {}

  /** The task completed (or was found completed after a restart): schedule its directory's removal. */
  keep(task: TaskRecord): void {
    this.release(task);
    const end = task.wire.executionInfo.endTime;
    const ms = parseDuration(task.wire.constraints.retentionTime);
    if (!task.wire.nodeInfo || !end || ms === undefined || isEffectivelyInfinite(ms)) return;
    const timer = setTimeout(() => void this.remove(task), Math.max(0, Date.parse(end) + ms - Date.now()));
    timer.unref();
    this.timers.set(task, timer);
  }

  /** The task runs again or is gone: no removal. */
  release(task: TaskRecord): void {
    clearTimeout(this.timers.get(task));
    this.timers.delete(task);
  }

  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private async remove(task: TaskRecord): Promise<void> {
    this.timers.delete(task);
    const { state, config } = this.engine;
    const info = task.wire.nodeInfo;
    if (!info || task.wire.state !== "completed" || state.tasksOf(task.jobKey).get(task.wire.id) !== task)
      return;
    await removeBelow(
      config.dataDir,
      join(nodeRoot(config.dataDir, info.poolId.toLowerCase(), info.nodeId), info.taskRootDirectory),
    ).catch(() => undefined);
  }
}
