/**
 * /jobschedules: add, list, get, exists, update, patch, disable, enable, terminate, delete, and
 * the jobs of a schedule (/jobschedules/{id}/jobs). The schedule clock creates the jobs.
 */
import { entityUrl } from "../engine";
import { conflict, notFound } from "../http/batch-error";
import type { RequestContext } from "../http/context";
import { expandsStats, listReply, type PageSource } from "../http/odata-query";
import type { Router } from "../http/router";
import { isoNow, newETag, touch } from "../model/clock";
import { withoutSecrets } from "../model/redact";
import type { JobRecord, JobScheduleRecord, JobScheduleWire } from "../model/types";
import { setScheduleState, type ScheduleClock } from "../scheduler/schedule-clock";
import { requireApplicationPackages } from "../validation/application-packages";
import { bodyObject } from "../validation/fields";
import {
  jobScheduleFieldsFrom,
  jobSchedulePatchFrom,
  type JobScheduleFields,
  validateJobScheduleAdd,
} from "../validation/job-schedule-validation";
import { changedReply, entityReply, requireConditions } from "./common";
import type { Services } from "./services";
import { jobRenderer } from "./job-routes";
import { jobScheduleStats } from "./stats";

/** 409 with the code Batch uses for a schedule that no longer takes changes. */
function assertScheduleOpen(s: JobScheduleRecord): void {
  const st = s.wire.state;
  if (st === "deleting") throw conflict("JobScheduleBeingDeleted");
  if (st === "terminating") throw conflict("JobScheduleBeingTerminated");
  if (st === "completed") throw conflict("JobScheduleCompleted");
}

export function registerJobScheduleRoutes(router: Router, s: Services, clock: ScheduleClock): void {
  const { engine } = s;
  const { state } = engine;
  const save = (schedule: JobScheduleRecord) => state.commit([[state.key("schedule", schedule), schedule]]);
  const find = (id: string) => {
    const schedule = state.schedules.get(id);
    if (!schedule) throw notFound("JobScheduleNotFound");
    return schedule;
  };
  const render = (ctx: RequestContext) => {
    const stats = expandsStats(ctx);
    return (schedule: JobScheduleRecord): object => {
      const wire = withoutSecrets(schedule.wire);
      return stats ? { ...wire, stats: jobScheduleStats(engine, schedule, clock.jobsOf(schedule)) } : wire;
    };
  };

  /** A schedule's job manager references are checked when it is written, as a job's are. */
  const requireScheduledPackages = (fields: Partial<JobScheduleFields>) =>
    requireApplicationPackages(
      engine.config.applications,
      fields.jobSpecification?.jobManagerTask?.applicationPackageReferences,
      "jobSpecification.jobManagerTask",
    );

  router.on("POST", "/jobschedules", async (ctx) => {
    const { id, displayName, fields } = validateJobScheduleAdd(bodyObject(ctx.body));
    requireScheduledPackages(fields);
    const existing = state.schedules.get(id);
    if (existing)
      throw conflict(existing.wire.state === "deleting" ? "JobScheduleBeingDeleted" : "JobScheduleExists");
    // Jobs and job schedules share one id space ("Batch status and error codes").
    if (state.jobs.has(id)) throw conflict("JobWithSameIdExists");
    const now = isoNow();
    const url = entityUrl(engine.config, "jobschedules", id);
    const wire: JobScheduleWire = {
      id,
      ...(displayName === undefined ? {} : { displayName }),
      url,
      eTag: newETag(),
      lastModified: now,
      creationTime: now,
      state: "active",
      stateTransitionTime: now,
      ...fields,
      // Without doNotRunUntil "the schedule becomes ready to create jobs immediately".
      executionInfo: { nextRunTime: fields.schedule.doNotRunUntil ?? now },
    };
    const schedule: JobScheduleRecord = { seq: state.nextSeq(), wire, jobCount: 0 };
    state.schedules.add(id, schedule);
    await save(schedule);
    clock.kick();
    return changedReply(201, url, wire);
  });

  router.on("GET", "/jobschedules", (ctx) => listReply(ctx, state.schedules, render(ctx), "jobschedules"));
  router.on("GET", "/jobschedules/:scheduleId", (ctx) =>
    entityReply(ctx, render(ctx)(find(ctx.params.scheduleId!)), "jobschedules"),
  );
  router.on("HEAD", "/jobschedules/:scheduleId", (ctx) =>
    entityReply(ctx, withoutSecrets(find(ctx.params.scheduleId!).wire), "jobschedules"),
  );

  const change = (replace: boolean) => async (ctx: RequestContext) => {
    const schedule = find(ctx.params.scheduleId!);
    requireConditions(ctx, schedule.wire);
    assertScheduleOpen(schedule);
    const body = bodyObject(ctx.body);
    const fields = replace ? jobScheduleFieldsFrom(body) : jobSchedulePatchFrom(body);
    requireScheduledPackages(fields);
    Object.assign(schedule.wire, fields);
    // A new schedule takes effect at once: its first run is due at its doNotRunUntil, or now.
    if (fields.schedule) schedule.wire.executionInfo.nextRunTime = fields.schedule.doNotRunUntil ?? isoNow();
    touch(schedule.wire);
    await save(schedule);
    clock.kick();
    return changedReply(200, schedule.wire.url, schedule.wire);
  };
  router.on("PATCH", "/jobschedules/:scheduleId", change(false));
  router.on("PUT", "/jobschedules/:scheduleId", change(true));

  router.on("POST", "/jobschedules/:scheduleId/disable", async (ctx) => {
    const schedule = find(ctx.params.scheduleId!);
    requireConditions(ctx, schedule.wire);
    assertScheduleOpen(schedule);
    if (schedule.wire.state !== "disabled") {
      setScheduleState(schedule, "disabled");
      await save(schedule);
    }
    return changedReply(204, schedule.wire.url, schedule.wire);
  });

  router.on("POST", "/jobschedules/:scheduleId/enable", async (ctx) => {
    const schedule = find(ctx.params.scheduleId!);
    requireConditions(ctx, schedule.wire);
    assertScheduleOpen(schedule);
    if (schedule.wire.state !== "active") {
      setScheduleState(schedule, "active");
      await save(schedule);
      clock.kick();
    }
    return changedReply(204, schedule.wire.url, schedule.wire);
  });

  router.on("POST", "/jobschedules/:scheduleId/terminate", async (ctx) => {
    const schedule = find(ctx.params.scheduleId!);
    requireConditions(ctx, schedule.wire);
    assertScheduleOpen(schedule);
    setScheduleState(schedule, "terminating");
    delete schedule.wire.executionInfo.nextRunTime;
    await save(schedule);
    s.track(clock.terminate(schedule));
    return changedReply(202, schedule.wire.url, schedule.wire);
  });

  router.on("DELETE", "/jobschedules/:scheduleId", async (ctx) => {
    const schedule = find(ctx.params.scheduleId!);
    requireConditions(ctx, schedule.wire);
    if (schedule.wire.state === "deleting") throw conflict("JobScheduleBeingDeleted");
    setScheduleState(schedule, "deleting");
    delete schedule.wire.executionInfo.nextRunTime;
    await save(schedule);
    s.track(clock.delete(schedule));
    return { status: 202, headers: { DataServiceId: schedule.wire.url } };
  });

  router.on("GET", "/jobschedules/:scheduleId/jobs", (ctx) => {
    const key = find(ctx.params.scheduleId!).wire.id.toLowerCase();
    const ofSchedule: PageSource<JobRecord> = {
      page: (after, limit, keep) => state.jobs.page(after, limit, (j) => j.scheduleKey === key && keep(j)),
    };
    return listReply(ctx, ofSchedule, jobRenderer(engine, ctx), "jobs");
  });
}
