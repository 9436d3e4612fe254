/**
 * Runs the account's job schedules: creates each active schedule's jobs when they are due (one
 * open job at a time, ids `{scheduleId}:job-{n}` as Batch names them), completes schedules that
 * have no more to do, and carries out terminate and delete after their 202. It looks at the
 * schedules every `stepMs` instead of hooking every place a job can end (tasks, terminate,
 * delete), so a job's end is noticed within one step.
 */
import type { Engine } from "../engine";
import { isoNow, touch } from "../model/clock";
import type { JobRecord, JobScheduleRecord, JobScheduleState, TaskRecord } from "../model/types";
import type { JobDeadlines } from "./job-deadlines";
import { admitJobManagerTask } from "./job-manager";
import { newJobRecord, setJobState } from "./job-transitions";
import { deleteJob, terminateJob } from "./job-work";
import { scheduleStep } from "./schedule-step";
import type { TaskScheduler } from "./task-scheduler";

export function setScheduleState(s: JobScheduleRecord, to: JobScheduleState): void {
  const w = s.wire;
  w.previousState = w.state;
  w.previousStateTransitionTime = w.stateTransitionTime;
  w.state = to;
  w.stateTransitionTime = isoNow();
  touch(w);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ScheduleClock {
  private timer: NodeJS.Timeout | undefined;
  private tick: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly engine: Engine,
    private readonly scheduler: TaskScheduler,
    private readonly deadlines: JobDeadlines,
  ) {}

  /** Start ticking. Schedules a restart left terminating or deleting are returned to finish. */
  start(): JobScheduleRecord[] {
    const every = Math.min(1000, Math.max(10, this.engine.config.timeScale.stepMs));
    this.timer = setInterval(() => this.kick(), every);
    this.timer.unref();
    return [...this.engine.state.schedules.values()].filter(
      (s) => s.wire.state === "terminating" || s.wire.state === "deleting",
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.tick;
  }

  /** Look at the schedules now (after an add, update or enable) instead of at the next step. */
  kick(): void {
    if (this.tick || this.stopped) return;
    this.tick = this.advanceAll().finally(() => (this.tick = undefined));
  }

  /** The schedule's jobs, oldest first. */
  jobsOf(s: JobScheduleRecord): JobRecord[] {
    const key = s.wire.id.toLowerCase();
    return [...this.engine.state.jobs.values()].filter((j) => j.scheduleKey === key);
  }

  /** The schedule's last job while it has not completed. */
  openJob(s: JobScheduleRecord): JobRecord | undefined {
    const recent = s.wire.executionInfo.recentJob;
    const job = recent && this.engine.state.jobs.get(recent.id);
    return job && job.wire.state !== "completed" ? job : undefined;
  }

  /** After the 202 of terminate: the open job is terminated, then the schedule completes. */
  async terminate(s: JobScheduleRecord): Promise<void> {
    const job = this.openJob(s);
    if (job) await this.endJob(job);
    if (s.wire.state !== "terminating") return;
    this.complete(s);
    await this.save(s);
  }

  /** After the 202 of delete: every job of the schedule and its tasks go, then the schedule. */
  async delete(s: JobScheduleRecord): Promise<void> {
    const { state } = this.engine;
    for (const job of this.jobsOf(s)) {
      if (job.wire.state !== "deleting") {
        setJobState(job, "deleting");
        await state.commit([[state.key("job", job), job]]);
      }
      await deleteJob(this.engine, this.scheduler, job);
    }
    await state.commit([[state.key("schedule", s), undefined]]);
    state.schedules.delete(s.wire.id);
  }

  private async endJob(job: JobRecord): Promise<void> {
    const { state } = this.engine;
    if (job.wire.state === "active" || job.wire.state === "disabled" || job.wire.state === "disabling") {
      setJobState(job, "terminating");
      await state.commit([[state.key("job", job), job]]);
      await terminateJob(this.engine, this.scheduler, job, "UserTerminate");
    }
    // A terminate or delete someone else started: wait for it to finish.
    while (!this.stopped && (job.wire.state === "terminating" || job.wire.state === "deleting"))
      await sleep(this.engine.config.timeScale.stepMs);
  }

  private complete(s: JobScheduleRecord): void {
    setScheduleState(s, "completed");
    delete s.wire.executionInfo.nextRunTime;
    s.wire.executionInfo.endTime = s.wire.stateTransitionTime;
  }

  private save(s: JobScheduleRecord): Promise<void> {
    return this.engine.state.commit([[this.engine.state.key("schedule", s), s]]);
  }

  private async advanceAll(): Promise<void> {
    for (const s of [...this.engine.state.schedules.values()]) {
      if (this.stopped) return;
      if (s.wire.state === "active" && !this.openJob(s)) await this.advance(s);
    }
  }

  private async advance(s: JobScheduleRecord): Promise<void> {
    const { state, config } = this.engine;
    const info = s.wire.executionInfo;
    const due = info.nextRunTime === undefined ? undefined : Date.parse(info.nextRunTime);
    const step = scheduleStep(s.wire.schedule, due, Date.now(), config.timeScale.scheduleMinuteMs);
    const nextRunTime = step.nextRunTime === undefined ? undefined : new Date(step.nextRunTime).toISOString();
    if (!step.createJob && !step.complete && nextRunTime === info.nextRunTime) return;
    if (nextRunTime === undefined) delete info.nextRunTime;
    else info.nextRunTime = nextRunTime;
    const entries: [string, JobRecord | JobScheduleRecord | TaskRecord][] = [];
    let created: JobRecord | undefined;
    if (step.createJob) {
      created = this.newJob(s);
      state.jobs.add(created.wire.id, created);
      info.recentJob = { id: created.wire.id, url: created.wire.url };
      entries.push([state.key("job", created), created]);
      // A scheduled job is a job like any other: its job manager task first, its deadline armed.
      const manager = admitJobManagerTask(this.engine, this.scheduler, created);
      if (manager) entries.push([state.key("task", manager), manager]);
    }
    if (step.complete) this.complete(s);
    else touch(s.wire);
    entries.push([state.key("schedule", s), s]);
    await state.commit(entries);
    if (created) {
      this.deadlines.arm(created);
      this.scheduler.kick();
    }
  }

  private newJob(s: JobScheduleRecord): JobRecord {
    let id: string;
    do id = `${s.wire.id}:job-${++s.jobCount}`;
    while (this.engine.state.jobs.has(id));
    const job = newJobRecord(this.engine, id, structuredClone(s.wire.jobSpecification));
    job.scheduleKey = s.wire.id.toLowerCase();
    return job;
  }
}
