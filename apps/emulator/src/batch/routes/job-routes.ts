/** /jobs: add, list, get, patch, update, delete, terminate, disable, enable, taskcounts. */
import type { Engine } from "../engine";
import { conflict, missingProperty } from "../http/batch-error";
import type { RequestContext } from "../http/context";
import { arraySource, expandsStats, listReply, metadataUrl } from "../http/odata-query";
import type { Router } from "../http/router";
import { touch } from "../model/clock";
import { withoutSecrets } from "../model/redact";
import type { JobRecord, TaskRecord } from "../model/types";
import { completeJob, markTerminating, newJobRecord, setJobState } from "../scheduler/job-transitions";
import { admitJobManagerTask } from "../scheduler/job-manager";
import { deleteJob, disableJob, terminateJob } from "../scheduler/job-work";
import { bodyObject, enumField, stringField } from "../validation/fields";
import { requireApplicationPackages } from "../validation/application-packages";
import { jobSettableFrom, validateJobAdd } from "../validation/job-validation";
import { changedReply, entityReply, findJob, lower, optionalBody, requireConditions } from "./common";
import type { Services } from "./services";
import { jobStats } from "./stats";

/** 409 with the code Batch uses for a job that no longer takes changes. */
export function assertJobOpen(job: JobRecord): void {
  const st = job.wire.state;
  if (st === "deleting") throw conflict("JobBeingDeleted");
  if (st === "terminating") throw conflict("JobBeingTerminated");
  if (st === "completed") throw conflict("JobCompleted");
}

/** A job as reads return it: no secrets, and its statistics with $expand=stats. */
export function jobRenderer(engine: Engine, ctx: RequestContext): (job: JobRecord) => object {
  const stats = expandsStats(ctx);
  return (job) =>
    stats ? { ...withoutSecrets(job.wire), stats: jobStats(engine, job) } : withoutSecrets(job.wire);
}

export function registerJobRoutes(router: Router, s: Services): void {
  const { engine, scheduler, deadlines } = s;
  const { state } = engine;
  const save = (job: JobRecord) => state.commit([[state.key("job", job), job]]);
  const render = (ctx: RequestContext) => jobRenderer(engine, ctx);

  /** onAllTasksComplete set on a job whose tasks are all done completes it now (after its release task). */
  const maybeComplete = (job: JobRecord) => {
    const counts = state.countsOf(lower(job.wire.id));
    if (
      job.wire.state !== "active" ||
      job.wire.onAllTasksComplete !== "terminatejob" ||
      counts.open > 0 ||
      counts.tasks.completed === 0
    )
      return;
    if (!job.wire.jobReleaseTask) return completeJob(job, "AllTasksComplete");
    markTerminating(job, "AllTasksComplete");
    s.track(terminateJob(engine, scheduler, job, "AllTasksComplete"));
  };

  router.on("POST", "/jobs", async (ctx) => {
    const { id, fields } = validateJobAdd(bodyObject(ctx.body), (poolId) => state.pools.get(poolId)?.wire);
    requireApplicationPackages(
      engine.config.applications,
      fields.jobManagerTask?.applicationPackageReferences,
      "jobManagerTask",
    );
    const existing = state.jobs.get(id);
    if (existing) throw conflict(existing.wire.state === "deleting" ? "JobBeingDeleted" : "JobExists");
    // Jobs and job schedules share one id space ("Batch status and error codes").
    if (state.schedules.has(id)) throw conflict("JobScheduleWithSameIdExists");
    const job = newJobRecord(engine, id, fields);
    state.jobs.add(id, job);
    const manager = admitJobManagerTask(engine, scheduler, job);
    await state.commit([
      [state.key("job", job), job],
      ...(manager ? [[state.key("task", manager), manager] as [string, TaskRecord]] : []),
    ]);
    deadlines.arm(job);
    return changedReply(201, job.wire.url, job.wire);
  });

  router.on("GET", "/jobs", (ctx) => listReply(ctx, state.jobs, render(ctx), "jobs"));
  router.on("GET", "/jobs/:jobId", (ctx) =>
    entityReply(ctx, render(ctx)(findJob(engine, ctx.params.jobId!)), "jobs"),
  );

  const change = (replace: boolean) => async (ctx: RequestContext) => {
    const job = findJob(engine, ctx.params.jobId!);
    requireConditions(ctx, job.wire);
    assertJobOpen(job);
    const fields = jobSettableFrom(bodyObject(ctx.body), replace);
    if (
      fields.poolInfo &&
      job.wire.state !== "disabled" &&
      fields.poolInfo.poolId?.toLowerCase() !== job.wire.poolInfo.poolId?.toLowerCase()
    )
      throw conflict(
        "OperationInvalidForCurrentState",
        "A job's poolInfo can change only while the job is disabled.",
      );
    Object.assign(job.wire, fields);
    if (fields.poolInfo) job.wire.executionInfo.poolId = fields.poolInfo.poolId;
    touch(job.wire);
    maybeComplete(job);
    await save(job);
    if (fields.constraints) deadlines.arm(job);
    scheduler.kick();
    return changedReply(200, job.wire.url, job.wire);
  };
  router.on("PATCH", "/jobs/:jobId", change(false));
  router.on("PUT", "/jobs/:jobId", change(true));

  router.on("DELETE", "/jobs/:jobId", async (ctx) => {
    const job = findJob(engine, ctx.params.jobId!);
    requireConditions(ctx, job.wire);
    if (job.wire.state === "deleting") throw conflict("JobBeingDeleted");
    setJobState(job, "deleting");
    await save(job);
    deadlines.disarm(job);
    s.track(deleteJob(engine, scheduler, job));
    return { status: 202, headers: { DataServiceId: job.wire.url } };
  });

  router.on("POST", "/jobs/:jobId/terminate", async (ctx) => {
    const job = findJob(engine, ctx.params.jobId!);
    requireConditions(ctx, job.wire);
    assertJobOpen(job);
    const reason = stringField(optionalBody(ctx), "terminateReason") || "UserTerminate";
    markTerminating(job, reason);
    await save(job);
    s.track(terminateJob(engine, scheduler, job, reason));
    return changedReply(202, job.wire.url, job.wire);
  });

  router.on("POST", "/jobs/:jobId/disable", async (ctx) => {
    const job = findJob(engine, ctx.params.jobId!);
    requireConditions(ctx, job.wire);
    assertJobOpen(job);
    const option = enumField(bodyObject(ctx.body), "disableTasks", ["requeue", "terminate", "wait"] as const);
    if (!option) throw missingProperty("disableTasks");
    if (job.wire.state !== "active") throw conflict("JobNotActive", `The job is ${job.wire.state}.`);
    setJobState(job, "disabling");
    await save(job);
    s.track(disableJob(engine, scheduler, job, option));
    return changedReply(202, job.wire.url, job.wire);
  });

  router.on("POST", "/jobs/:jobId/enable", async (ctx) => {
    const job = findJob(engine, ctx.params.jobId!);
    requireConditions(ctx, job.wire);
    assertJobOpen(job);
    if (job.wire.state !== "disabled" && job.wire.state !== "disabling")
      throw conflict("OperationInvalidForCurrentState", `The job is ${job.wire.state}, not disabled.`);
    setJobState(job, "active");
    await save(job);
    scheduler.kick();
    return changedReply(202, job.wire.url, job.wire);
  });

  router.on("GET", "/jobs/:jobId/jobpreparationandreleasetaskstatus", (ctx) => {
    const job = findJob(engine, ctx.params.jobId!);
    if (!job.wire.jobPreparationTask && !job.wire.jobReleaseTask)
      throw conflict("JobPreparationTaskNotSpecified", "The job has no job preparation or job release task.");
    const rows = Object.values(job.preparedNodes ?? {}).sort((a, b) => a.seq - b.seq);
    return listReply(
      ctx,
      arraySource(rows),
      ({
        value: { poolId, nodeId, nodeUrl, jobPreparationTaskExecutionInfo, jobReleaseTaskExecutionInfo },
      }) => ({
        poolId,
        nodeId,
        nodeUrl,
        jobPreparationTaskExecutionInfo,
        jobReleaseTaskExecutionInfo,
      }),
      "jobpreparationandreleasetaskstatuslist",
    );
  });

  router.on("GET", "/jobs/:jobId/taskcounts", (ctx) => {
    const job = findJob(engine, ctx.params.jobId!);
    const c = state.countsOf(lower(job.wire.id));
    return {
      status: 200,
      json: {
        "odata.metadata": metadataUrl(ctx, "taskcountsresult/@Element"),
        taskCounts: { ...c.tasks },
        taskSlotCounts: { ...c.slots },
      },
    };
  });
}
