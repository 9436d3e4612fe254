/**
 * JobConstraints.maxWallClockTime: a job that has not completed that long after it was created
 * is terminated with terminateReason MaxWallClockTimeExpiry, its running tasks ended (Batch REST
 * reference, JobConstraints; Microsoft Learn "Job and task error checking").
 */
import type { Engine } from "../engine";
import { isEffectivelyInfinite, parseDuration } from "../model/duration";
import type { JobRecord } from "../model/types";
import { beginJobTermination } from "./job-work";
import type { TaskScheduler } from "./task-scheduler";

export class JobDeadlines {
  private readonly timers = new Map<JobRecord, NodeJS.Timeout>();

  constructor(
    private readonly engine: Engine,
    private readonly scheduler: TaskScheduler,
    /** Keeps the termination's slow half awaited on close. */
    private readonly track: (work: Promise<unknown>) => void,
  ) {}

  /** (Re)arm the job's deadline from its current constraints; call after add, update and restart. */
  arm(job: JobRecord): void {
    this.disarm(job);
    const limit = job.wire.constraints.maxWallClockTime;
    const ms = limit === undefined ? undefined : parseDuration(limit);
    if (ms === undefined || isEffectivelyInfinite(ms) || !isOpen(job)) return;
    const timer = setTimeout(
      () => this.expire(job),
      Math.max(0, Date.parse(job.wire.creationTime) + ms - Date.now()),
    );
    timer.unref();
    this.timers.set(job, timer);
  }

  disarm(job: JobRecord): void {
    clearTimeout(this.timers.get(job));
    this.timers.delete(job);
  }

  recover(): void {
    for (const job of this.engine.state.jobs.values()) this.arm(job);
  }

  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private expire(job: JobRecord): void {
    this.timers.delete(job);
    if (this.engine.state.jobs.get(job.wire.id) !== job || !isOpen(job)) return;
    this.track(beginJobTermination(this.engine, this.scheduler, job, "MaxWallClockTimeExpiry"));
  }
}

const isOpen = (job: JobRecord) => !["completed", "terminating", "deleting"].includes(job.wire.state);
