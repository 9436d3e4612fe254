/** What route handlers use: the engine plus the two moving parts and background-work tracking. */
import type { Engine } from "../engine";
import type { JobDeadlines } from "../scheduler/job-deadlines";
import type { NodeLifecycle } from "../scheduler/node-lifecycle";
import type { TaskScheduler } from "../scheduler/task-scheduler";

export interface Services {
  engine: Engine;
  lifecycle: NodeLifecycle;
  scheduler: TaskScheduler;
  /** Jobs' maxWallClockTime. */
  deadlines: JobDeadlines;
  /** Background work started by a request (deletions, terminations); awaited on close. */
  track(work: Promise<unknown>): void;
}
