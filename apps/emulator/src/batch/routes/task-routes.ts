/** /jobs/{id}/tasks: add, addtaskcollection, list, get, update, delete, terminate, reactivate, subtasksinfo. */
import { join } from "node:path";
import { entityUrl } from "../engine";
import { removeBelow } from "../files/confined-writes";
import { batchError, BatchError, conflict } from "../http/batch-error";
import type { RequestContext } from "../http/context";
import { expandsStats, listReply, metadataUrl } from "../http/odata-query";
import type { Router } from "../http/router";
import { isoNow, newETag, touch } from "../model/clock";
import { withoutSecrets, withUsedSecretsOnly } from "../model/redact";
import type { JobRecord, TaskRecord, TaskWire } from "../model/types";
import { nodeRoot } from "../scheduler/node-layout";
import { arrayField, bodyObject, bodyObjectAt, objectField } from "../validation/fields";
import { requireApplicationPackages } from "../validation/application-packages";
import { constraintsFrom, validateTaskAdd } from "../validation/task-validation";
import { changedReply, entityReply, findJob, findTask, lower, requireConditions } from "./common";
import { assertJobOpen } from "./job-routes";
import type { Services } from "./services";
import { taskStats } from "./stats";

/** Batch's limits for Task_AddCollection. */
export const MAX_TASKS_PER_COLLECTION = 100;
export const MAX_COLLECTION_BYTES = 1024 * 1024;

export function registerTaskRoutes(router: Router, s: Services): void {
  const { engine, scheduler } = s;
  const { state } = engine;
  const save = (task: TaskRecord) => state.commit([[state.key("task", task), task]]);
  const render = (ctx: RequestContext) => {
    const stats = expandsStats(ctx);
    return (task: TaskRecord): object =>
      stats ? { ...withoutSecrets(task.wire), stats: taskStats(task.wire) } : withoutSecrets(task.wire);
  };

  /** Validate one task and build its record (not yet indexed). Throws the BatchError to report. */
  const buildTask = (job: JobRecord, body: unknown, path: string, pending: Set<string>): TaskRecord => {
    const pool = job.wire.poolInfo.poolId ? state.pools.get(job.wire.poolInfo.poolId)?.wire : undefined;
    const fields = validateTaskAdd(bodyObjectAt(body, path || "task"), job.wire, pool);
    requireApplicationPackages(engine.config.applications, fields.applicationPackageReferences, path);
    if (state.tasksOf(lower(job.wire.id)).has(fields.id) || pending.has(lower(fields.id)))
      throw conflict("TaskExists");
    // The job's preparation and release tasks own their ids (and their directories on the node).
    if (lower(fields.id) === job.wire.jobPreparationTask?.id.toLowerCase())
      throw conflict("TaskIdSameAsJobPreparationTask");
    if (lower(fields.id) === job.wire.jobReleaseTask?.id.toLowerCase())
      throw conflict("TaskIdSameAsJobReleaseTask");
    pending.add(lower(fields.id));
    const now = isoNow();
    const wire: TaskWire = {
      ...withUsedSecretsOnly(fields),
      url: entityUrl(engine.config, "jobs", job.wire.id, "tasks", fields.id),
      eTag: newETag(),
      lastModified: now,
      creationTime: now,
      state: "active",
      stateTransitionTime: now,
      executionInfo: { retryCount: 0, requeueCount: 0 },
    };
    return { seq: state.nextSeq(), jobKey: lower(job.wire.id), wire };
  };

  const admit = (tasks: TaskRecord[]) => {
    for (const t of tasks) {
      state.addTask(t);
      scheduler.enqueue(t);
    }
  };

  router.on("POST", "/jobs/:jobId/tasks", async (ctx) => {
    const job = findJob(engine, ctx.params.jobId!);
    assertJobOpen(job);
    const task = buildTask(job, bodyObject(ctx.body), "", new Set());
    admit([task]);
    await save(task);
    return changedReply(201, task.wire.url, task.wire);
  });

  router.on("POST", "/jobs/:jobId/addtaskcollection", async (ctx) => {
    if (ctx.bodyBytes > MAX_COLLECTION_BYTES)
      throw batchError(413, "RequestBodyTooLarge", [
        { key: "Reason", value: "The task collection must be smaller than 1 MB." },
      ]);
    const job = findJob(engine, ctx.params.jobId!);
    assertJobOpen(job);
    const list = arrayField(bodyObject(ctx.body), "value") ?? [];
    if (list.length > MAX_TASKS_PER_COLLECTION)
      throw batchError(413, "RequestBodyTooLarge", [
        {
          key: "Reason",
          value: `A task collection can hold at most ${MAX_TASKS_PER_COLLECTION} tasks; this one has ${list.length}.`,
        },
      ]);
    const pending = new Set<string>();
    const accepted: TaskRecord[] = [];
    const results = list.map((item, i) => {
      const taskId =
        item && typeof item === "object" && typeof (item as { id?: unknown }).id === "string"
          ? (item as { id: string }).id
          : "";
      try {
        const task = buildTask(job, item, `value[${i}]`, pending);
        accepted.push(task);
        return {
          status: "success",
          taskId: task.wire.id,
          eTag: task.wire.eTag,
          lastModified: task.wire.lastModified,
          location: task.wire.url,
        };
      } catch (e) {
        if (!(e instanceof BatchError)) throw e;
        return {
          status: "clienterror",
          taskId,
          error: {
            code: e.code,
            message: { lang: "en-US", value: `${e.message}\nRequestId:${ctx.requestId}\nTime:${isoNow()}` },
            values: e.values,
          },
        };
      }
    });
    admit(accepted);
    await state.commit(accepted.map((t) => [state.key("task", t), t]));
    return { status: 200, json: { "odata.metadata": metadataUrl(ctx, "taskaddresult"), value: results } };
  });

  router.on("GET", "/jobs/:jobId/tasks", (ctx) => {
    const job = findJob(engine, ctx.params.jobId!);
    return listReply(ctx, state.tasksOf(lower(job.wire.id)), render(ctx), "tasks", { cacheByETag: true });
  });

  const target = (ctx: RequestContext) => {
    const job = findJob(engine, ctx.params.jobId!);
    return { job, task: findTask(engine, job, ctx.params.taskId!) };
  };

  router.on("GET", "/jobs/:jobId/tasks/:taskId", (ctx) =>
    entityReply(ctx, render(ctx)(target(ctx).task), "tasks"),
  );

  router.on("PUT", "/jobs/:jobId/tasks/:taskId", async (ctx) => {
    const { job, task } = target(ctx);
    requireConditions(ctx, task.wire);
    const body = bodyObject(ctx.body);
    if (objectField(body, "constraints")) task.wire.constraints = constraintsFrom(body, job.wire);
    touch(task.wire);
    await save(task);
    return changedReply(200, task.wire.url, task.wire);
  });

  router.on("DELETE", "/jobs/:jobId/tasks/:taskId", async (ctx) => {
    const { task } = target(ctx);
    requireConditions(ctx, task.wire);
    state.removeTask(task);
    await state.commit([[state.key("task", task), undefined]]);
    s.track(
      scheduler.abortTask(task, "delete").then(async () => {
        const info = task.wire.nodeInfo;
        if (info)
          await removeBelow(
            engine.config.dataDir,
            join(nodeRoot(engine.config.dataDir, lower(info.poolId), info.nodeId), info.taskRootDirectory),
          );
      }),
    );
    return { status: 200, headers: { DataServiceId: task.wire.url } };
  });

  router.on("POST", "/jobs/:jobId/tasks/:taskId/terminate", async (ctx) => {
    const { task } = target(ctx);
    requireConditions(ctx, task.wire);
    await scheduler.terminate(task);
    await save(task);
    return changedReply(204, task.wire.url, task.wire);
  });

  router.on("POST", "/jobs/:jobId/tasks/:taskId/reactivate", async (ctx) => {
    const { job, task } = target(ctx);
    requireConditions(ctx, task.wire);
    assertJobOpen(job);
    scheduler.reactivate(task);
    await save(task);
    return changedReply(204, task.wire.url, task.wire);
  });

  router.on("GET", "/jobs/:jobId/tasks/:taskId/subtasksinfo", (ctx) => {
    target(ctx);
    return { status: 200, json: { "odata.metadata": metadataUrl(ctx, "subtaskinfos"), value: [] } };
  });
}
