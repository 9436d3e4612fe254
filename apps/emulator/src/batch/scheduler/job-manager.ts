/**
 * The job manager task is a task of its job with its own id: created with the job, listed and
 * counted with its tasks, run through the same scheduler path (placed first, as it is queued
 * first). What only a job manager has (killJobOnCompletion, runExclusive, allowLowPriorityNode)
 * stays on the record; the task's wire is a plain CloudTask.
 */
import { entityUrl, type Engine } from "../engine";
import { isoNow, newETag } from "../model/clock";
import { withUsedSecretsOnly } from "../model/redact";
import type { JobRecord, TaskRecord, TaskWire } from "../model/types";
import type { TaskScheduler } from "./task-scheduler";

/** Add the job's manager task (when it has one) to the state and the queue; returns it for the commit. */
export function admitJobManagerTask(
  engine: Engine,
  scheduler: TaskScheduler,
  job: JobRecord,
): TaskRecord | undefined {
  const jm = job.wire.jobManagerTask;
  if (!jm) return undefined;
  const { killJobOnCompletion, runExclusive, allowLowPriorityNode, ...fields } = jm;
  const now = isoNow();
  const wire: TaskWire = {
    ...withUsedSecretsOnly(fields),
    url: entityUrl(engine.config, "jobs", job.wire.id, "tasks", jm.id),
    eTag: newETag(),
    lastModified: now,
    creationTime: now,
    state: "active",
    stateTransitionTime: now,
    executionInfo: { retryCount: 0, requeueCount: 0 },
  };
  const task: TaskRecord = {
    seq: engine.state.nextSeq(),
    jobKey: job.wire.id.toLowerCase(),
    wire,
    jobManager: { killJobOnCompletion, runExclusive, allowLowPriorityNode },
  };
  engine.state.addTask(task);
  scheduler.enqueue(task);
  return task;
}
