/** Job state changes shared by the routes and the scheduler. */
import { isoNow, touch } from "../model/clock";
import type { JobRecord, JobState } from "../model/types";

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
