/** Job creation and state changes shared by the routes, the scheduler and the schedule clock. */
import { entityUrl, type Engine } from "../engine";
import { isoNow, newETag, touch } from "../model/clock";
import { withUsedSecretsOnly } from "../model/redact";
import type { JobRecord, JobState, JobWire } from "../model/types";

/** A new active job from validated fields (Job - Add, or a job schedule's jobSpecification). */
export function newJobRecord(engine: Engine, id: string, fields: Partial<JobWire>): JobRecord {
  const now = isoNow();
  const wire = {
    ...withUsedSecretsOnly(fields),
    id,
    url: entityUrl(engine.config, "jobs", id),
    eTag: newETag(),
    lastModified: now,
    creationTime: now,
    state: "active",
    stateTransitionTime: now,
    executionInfo: { startTime: now, poolId: fields.poolInfo?.poolId },
  } as JobWire;
  return { seq: engine.state.nextSeq(), wire };
}

export function setJobState(job: JobRecord, to: JobState): void {
  const w = job.wire;
  const now = isoNow();
  w.previousState = w.state;
  w.previousStateTransitionTime = w.stateTransitionTime;
  w.state = to;
  w.stateTransitionTime = now;
  touch(w);
}

/** terminating, to complete with `terminateReason` once its running tasks have ended. */
export function markTerminating(job: JobRecord, terminateReason: string): void {
  setJobState(job, "terminating");
  job.pendingTerminateReason = terminateReason;
}

/** completed with a terminateReason: "AllTasksComplete", "UserTerminate" or the caller's text. */
export function completeJob(job: JobRecord, terminateReason: string): void {
  delete job.pendingTerminateReason;
  setJobState(job, "completed");
  job.wire.executionInfo.endTime = job.wire.stateTransitionTime;
  job.wire.executionInfo.terminateReason = terminateReason;
}
