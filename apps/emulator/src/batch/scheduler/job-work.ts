/**
 * The slow halves of job operations, run after the 202: terminate (running tasks ended, then
 * completed), disable (tasks requeued / ended / waited for, then disabled) and delete (tasks
 * stopped, records and node directories removed). After a restart, resumeJobWork finishes the ones
 * a crash cut short.
 */
import { join } from "node:path";
import type { Engine } from "../engine";
import { removeBelow } from "../files/confined-writes";
import type { JobRecord } from "../model/types";
import { completeJob, markTerminating, setJobState } from "./job-transitions";
import { nodeRoot } from "./node-layout";
import type { TaskScheduler } from "./task-scheduler";

const key = (job: JobRecord) => job.wire.id.toLowerCase();

async function waitForNoRunning(scheduler: TaskScheduler, jobKey: string): Promise<void> {
  while (scheduler.runningInJob(jobKey) > 0) await new Promise((r) => setTimeout(r, 50));
}

export async function terminateJob(
  engine: Engine,
  scheduler: TaskScheduler,
  job: JobRecord,
  reason: string,
): Promise<void> {
  await scheduler.abortJob(key(job), "jobTerminate");
  // "The Job is not marked as complete until all Job Release Tasks have completed."
  await scheduler.releaseJob(job);
  if (job.wire.state !== "terminating") return;
  completeJob(job, reason);
  await engine.state.commit([[engine.state.key("job", job), job]]);
}

/**
 * A termination Batch itself decides (maxWallClockTime, a task's exit options): the job turns
 * terminating now; the returned work ends its running tasks and completes it.
 */
export function beginJobTermination(
  engine: Engine,
  scheduler: TaskScheduler,
  job: JobRecord,
  reason: string,
): Promise<void> {
  markTerminating(job, reason);
  engine.state.stage(engine.state.key("job", job), job);
  return terminateJob(engine, scheduler, job, reason);
}

/** A disable Batch itself decides (a task's exit options): "equivalent to … disableTasks requeue". */
export function beginJobDisable(engine: Engine, scheduler: TaskScheduler, job: JobRecord): Promise<void> {
  setJobState(job, "disabling");
  engine.state.stage(engine.state.key("job", job), job);
  return disableJob(engine, scheduler, job, "requeue");
}

export async function disableJob(
  engine: Engine,
  scheduler: TaskScheduler,
  job: JobRecord,
  option: "requeue" | "terminate" | "wait",
): Promise<void> {
  if (option === "wait") await waitForNoRunning(scheduler, key(job));
  else await scheduler.abortJob(key(job), option === "terminate" ? "terminate" : "requeue");
  if (job.wire.state !== "disabling") return;
  setJobState(job, "disabled");
  await engine.state.commit([[engine.state.key("job", job), job]]);
}

/**
 * After a restart (the scheduler has recovered, so nothing runs): finish what a crash cut short.
 * A disabling job's tasks were stopped by the crash and are queued again, as with disableTasks requeue.
 */
export function resumeJobWork(engine: Engine, scheduler: TaskScheduler): Promise<void>[] {
  return [...engine.state.jobs.values()].flatMap((job) => {
    if (job.wire.state === "terminating")
      return [terminateJob(engine, scheduler, job, job.pendingTerminateReason ?? "UserTerminate")];
    if (job.wire.state === "disabling") return [disableJob(engine, scheduler, job, "requeue")];
    if (job.wire.state === "deleting") return [deleteJob(engine, scheduler, job)];
    return [];
  });
}

export async function deleteJob(engine: Engine, scheduler: TaskScheduler, job: JobRecord): Promise<void> {
  const { state, config } = engine;
  const jobKey = key(job);
  await scheduler.abortJob(jobKey, "delete");
  // Deleting a job that is still running ends it: its release task runs (not again after a terminate).
  await scheduler.releaseJob(job);
  const tasks = [...state.tasksOf(jobKey).values()];
  const nodes = new Set(
    [
      ...tasks.map(
        (t) => t.wire.nodeInfo && { poolId: t.wire.nodeInfo.poolId, nodeId: t.wire.nodeInfo.nodeId },
      ),
      ...Object.values(job.preparedNodes ?? {}),
    ]
      .filter((n) => n !== undefined)
      .map((n) => `${n.poolId.toLowerCase()}\n${n.nodeId}`),
  );
  await state.commit([
    [state.key("job", job), undefined],
    ...tasks.map((t) => [state.key("task", t), undefined] as [string, undefined]),
  ]);
  state.jobs.delete(job.wire.id);
  state.dropJobIndexes(jobKey);
  scheduler.forgetJob(jobKey);
  for (const entry of nodes) {
    const [poolKey, nodeId] = (entry as string).split("\n") as [string, string];
    await removeBelow(
      config.dataDir,
      join(nodeRoot(config.dataDir, poolKey, nodeId), "workitems", job.wire.id),
    ).catch(() => undefined);
  }
}
