/**
 * JobConstraints.maxWallClockTime: a job that has not completed that long after it was created
 * is terminated with terminateReason MaxWallClockTimeExpiry, its running tasks ended (Batch REST
 * reference, JobConstraints; Microsoft Learn "Job and task error checking").
 */
import type { Engine } from "../engine";
import { parseDuration } from "../model/duration";
import type { JobRecord } from "../model/types";
import { DeadlineQueue } from "./deadline-queue";
import { beginJobTermination } from "./job-work";
import type { TaskScheduler } from "./task-scheduler";

const isOpen = (job: JobRecord) => !["completed", "terminating", "deleting"].includes(job.wire.state);

export class JobDeadlines {
  private readonly due = new DeadlineQueue<JobRecord>((job) => this.expire(job));

  constructor(
    private readonly engine: Engine,
    private readonly scheduler: TaskScheduler,
    /** Keeps the termination's slow half awaited on close. */
    private readonly track: (work: Promise<unknown>) => void,
  ) {}

  /** (Re)arm the job's deadline from its current constraints; call after add, update and restart. */
  arm(job: JobRecord): void {
    const limit = job.wire.constraints.maxWallClockTime;
    const ms = limit === undefined ? undefined : parseDuration(limit);
    if (ms === undefined || !isOpen(job)) return this.disarm(job);
    this.due.add(job, Date.parse(job.wire.creationTime) + ms);
  }

  disarm(job: JobRecord): void {
    this.due.delete(job);
  }

  recover(): void {
    for (const job of this.engine.state.jobs.values()) this.arm(job);
  }

  close(): void {
    this.due.close();
  }

  private expire(job: JobRecord): void {
    if (this.engine.state.jobs.get(job.wire.id) !== job || !isOpen(job)) return;
    this.track(beginJobTermination(this.engine, this.scheduler, job, "MaxWallClockTimeExpiry"));
  }
}
