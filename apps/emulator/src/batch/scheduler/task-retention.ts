/**
 * TaskConstraints.retentionTime: a completed task's directory is removed from its node that long
 * after the task completed (default P7D). A task that runs again (reactivated) keeps its directory.
 */
import { join } from "node:path";
import type { Engine } from "../engine";
import { removeBelow } from "../files/confined-writes";
import { parseDuration } from "../model/duration";
import type { TaskRecord } from "../model/types";
import { DeadlineQueue } from "./deadline-queue";
import { nodeRoot } from "./node-layout";

export class TaskRetention {
  private readonly due = new DeadlineQueue<TaskRecord>((task) => void this.remove(task));

  constructor(private readonly engine: Engine) {}

  /** The task completed (or was found completed after a restart): schedule its directory's removal. */
  keep(task: TaskRecord): void {
    const end = task.wire.executionInfo.endTime;
    const ms = parseDuration(task.wire.constraints.retentionTime);
    if (!task.wire.nodeInfo || !end || ms === undefined) return this.release(task);
    this.due.add(task, Date.parse(end) + ms);
  }

  /** The task runs again or is gone: no removal. */
  release(task: TaskRecord): void {
    this.due.delete(task);
  }

  close(): void {
    this.due.close();
  }

  private async remove(task: TaskRecord): Promise<void> {
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
