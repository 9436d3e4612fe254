/** Lookups and reply shapes every resource route shares. */
import type { Engine } from "../engine";
import { conflict, notFound } from "../http/batch-error";
import { checkConditions, type Versioned } from "../http/conditions";
import type { Reply, RequestContext } from "../http/context";
import { applySelect, metadataUrl } from "../http/odata-query";
import { httpDate } from "../model/clock";
import type { JobRecord, NodeRecord, PoolRecord, TaskRecord } from "../model/types";
import { bodyObject, type Obj } from "../validation/fields";

export const lower = (id: string) => id.toLowerCase();

export function findPool(engine: Engine, id: string): PoolRecord {
  const pool = engine.state.pools.get(id);
  if (!pool) throw notFound("PoolNotFound");
  return pool;
}

/** A pool that accepts changes: 409 PoolBeingDeleted while it is being deleted. */
export function livePool(engine: Engine, id: string): PoolRecord {
  const pool = findPool(engine, id);
  if (pool.wire.state === "deleting") throw conflict("PoolBeingDeleted");
  return pool;
}

export function findNode(engine: Engine, pool: PoolRecord, nodeId: string): NodeRecord {
  const node = engine.state.nodesOf(lower(pool.wire.id)).get(nodeId);
  if (!node) throw notFound("NodeNotFound");
  return node;
}

export function findJob(engine: Engine, id: string): JobRecord {
  const job = engine.state.jobs.get(id);
  if (!job) throw notFound("JobNotFound");
  return job;
}

export function findTask(engine: Engine, job: JobRecord, taskId: string): TaskRecord {
  const task = engine.state.tasksOf(lower(job.wire.id)).get(taskId);
  if (!task) throw notFound("TaskNotFound");
  return task;
}

/** Body of a POST that may legitimately be empty (Content-Length 0). */
export const optionalBody = (ctx: RequestContext): Obj =>
  ctx.body === undefined ? {} : bodyObject(ctx.body);

export const versionHeaders = (v: Versioned) => ({ ETag: v.eTag, "Last-Modified": httpDate(v.lastModified) });

/** 200 with the entity (after $select), or 304 when a read condition says not modified. */
export function entityReply(ctx: RequestContext, wire: object & Partial<Versioned>, metadata: string): Reply {
  const versioned = wire.eTag && wire.lastModified ? (wire as Versioned) : undefined;
  if (versioned && checkConditions(ctx, versioned, true) === "not-modified")
    return { status: 304, headers: versionHeaders(versioned) };
  const json = { "odata.metadata": metadataUrl(ctx, `${metadata}/@Element`), ...applySelect(ctx, wire) };
  return { status: 200, json, headers: versioned ? versionHeaders(versioned) : {} };
}

/** For writes: 412 when If-Match and friends fail. */
export const requireConditions = (ctx: RequestContext, wire: Versioned) =>
  void checkConditions(ctx, wire, false);

/** The headers Batch sets on a create or state change: DataServiceId, Location (201), ETag, Last-Modified. */
export function changedReply(status: number, url: string, wire?: Versioned): Reply {
  const headers: Record<string, string> = { DataServiceId: url };
  if (status === 201) headers.Location = url;
  return { status, headers: wire ? { ...headers, ...versionHeaders(wire) } : headers };
}
