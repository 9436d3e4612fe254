/** /pools: add, list, get, exists, delete, patch, updateproperties, resize, stopresize, removenodes. */
import {
  applicationPackageReferencesAt,
  requireApplicationPackages,
} from "../validation/application-packages";
import { entityUrl } from "../engine";
import { batchError, conflict, invalidProperty, missingProperty } from "../http/batch-error";
import type { Reply, RequestContext } from "../http/context";
import { expandsStats, listReply } from "../http/odata-query";
import type { Router } from "../http/router";
import { isoNow, newETag, touch } from "../model/clock";
import { settleCommunicationMode, targetModeField } from "../model/node-communication";
import { withoutSecrets, withUsedSecretsOnly } from "../model/redact";
import type { PoolRecord, PoolWire } from "../model/types";
import type { DeallocationOption } from "../scheduler/node-lifecycle";
import { startTaskFrom } from "../validation/container-fields";
import {
  arrayField,
  bodyObject,
  durationField,
  enumField,
  intField,
  nameValueList,
  type Obj,
} from "../validation/fields";
import { MIN_RESIZE_TIMEOUT_MS, validatePoolAdd } from "../validation/pool-validation";
import { changedReply, entityReply, findNode, findPool, livePool, requireConditions } from "./common";
import type { Services } from "./services";
import { poolStats } from "./stats";

const DEALLOCATION = ["requeue", "terminate", "taskcompletion", "retaineddata"] as const;

export function registerPoolRoutes(router: Router, s: Services): void {
  const { engine, lifecycle } = s;
  const { state } = engine;

  const render = (ctx: RequestContext) => {
    const stats = expandsStats(ctx);
    return (pool: PoolRecord): object =>
      stats ? { ...withoutSecrets(pool.wire), stats: poolStats(pool) } : withoutSecrets(pool.wire);
  };
  const save = (pool: PoolRecord) => state.commit([[state.key("pool", pool), pool]]);
  const hasNodes = (pool: PoolRecord) => state.nodesOf(pool.wire.id.toLowerCase()).size > 0;

  router.on("POST", "/pools", async (ctx) => {
    const body = bodyObject(ctx.body);
    const { fields, blocker } = await validatePoolAdd(body, {
      authKind: ctx.authKind,
      region: engine.config.region,
      supportedImages: engine.config.supportedImages,
      galleryLookup: engine.config.galleryLookup,
    });
    requireApplicationPackages(engine.config.applications, fields.applicationPackageReferences, "");
    const existing = state.pools.get(fields.id);
    if (existing) throw conflict(existing.wire.state === "deleting" ? "PoolBeingDeleted" : "PoolExists");
    const now = isoNow();
    const url = entityUrl(engine.config, "pools", fields.id);
    const wire: PoolWire = {
      // User-account passwords and mount keys are never used locally, so they are never kept.
      ...withUsedSecretsOnly(fields),
      url,
      eTag: newETag(),
      lastModified: now,
      creationTime: now,
      state: "active",
      stateTransitionTime: now,
      allocationState: "steady",
      allocationStateTransitionTime: now,
      currentDedicatedNodes: 0,
      currentLowPriorityNodes: 0,
    };
    const pool: PoolRecord = {
      seq: state.nextSeq(),
      wire,
      ...(blocker ? { allocationBlocker: blocker } : {}),
    };
    state.pools.add(wire.id, pool);
    if (wire.targetDedicatedNodes + wire.targetLowPriorityNodes > 0 || blocker) lifecycle.resize(pool);
    await save(pool);
    return changedReply(201, url, wire);
  });

  router.on("GET", "/pools", (ctx) => listReply(ctx, state.pools, render(ctx), "pools"));

  router.on("GET", "/pools/:poolId", (ctx) =>
    entityReply(ctx, render(ctx)(findPool(engine, ctx.params.poolId!)), "pools"),
  );

  router.on("HEAD", "/pools/:poolId", (ctx) => {
    const pool = findPool(engine, ctx.params.poolId!);
    return entityReply(ctx, withoutSecrets(pool.wire), "pools");
  });

  router.on("DELETE", "/pools/:poolId", async (ctx) => {
    const pool = livePool(engine, ctx.params.poolId!);
    requireConditions(ctx, pool.wire);
    pool.wire.state = "deleting";
    pool.wire.stateTransitionTime = isoNow();
    touch(pool.wire);
    await save(pool);
    s.track(lifecycle.deletePool(pool));
    return { status: 202, headers: { DataServiceId: pool.wire.url } };
  });

  router.on("PATCH", "/pools/:poolId", async (ctx) => {
    const pool = livePool(engine, ctx.params.poolId!);
    requireConditions(ctx, pool.wire);
    const body = bodyObject(ctx.body);
    const packages = applicationPackageReferencesAt(body, "");
    requireApplicationPackages(engine.config.applications, packages, "");
    const containerPool = !!pool.wire.virtualMachineConfiguration?.containerConfiguration;
    if (body.startTask !== undefined) pool.wire.startTask = startTaskFrom(body, "", containerPool);
    const metadata = nameValueList(body, "metadata");
    if (metadata) pool.wire.metadata = metadata;
    // Nodes already in the pool get changed packages when they next boot (reboot, reimage), as in Batch.
    if (packages) pool.wire.applicationPackageReferences = packages;
    if (body.certificateReferences !== undefined)
      pool.wire.certificateReferences = body.certificateReferences;
    const mode = targetModeField(body);
    if (mode) pool.wire.targetNodeCommunicationMode = mode;
    settleCommunicationMode(pool, hasNodes(pool));
    touch(pool.wire);
    await save(pool);
    return changedReply(200, pool.wire.url, pool.wire);
  });

  router.on("POST", "/pools/:poolId/updateproperties", async (ctx) => {
    const pool = livePool(engine, ctx.params.poolId!);
    requireConditions(ctx, pool.wire);
    const body = bodyObject(ctx.body);
    for (const k of ["certificateReferences", "applicationPackageReferences", "metadata"])
      if (!Array.isArray(body[k])) throw missingProperty(k);
    const packages = applicationPackageReferencesAt(body, "");
    requireApplicationPackages(engine.config.applications, packages, "");
    pool.wire.startTask = startTaskFrom(
      body,
      "",
      !!pool.wire.virtualMachineConfiguration?.containerConfiguration,
    );
    if (!pool.wire.startTask) delete pool.wire.startTask;
    pool.wire.metadata = nameValueList(body, "metadata") ?? [];
    pool.wire.certificateReferences = body.certificateReferences;
    pool.wire.applicationPackageReferences = packages;
    // "If omitted, the existing setting is default" (PoolUpdatePropertiesParameter).
    pool.wire.targetNodeCommunicationMode = targetModeField(body) ?? "default";
    settleCommunicationMode(pool, hasNodes(pool));
    touch(pool.wire);
    await save(pool);
    return changedReply(204, pool.wire.url, pool.wire);
  });

  const steadyPool = (ctx: RequestContext): PoolRecord => {
    const pool = livePool(engine, ctx.params.poolId!);
    requireConditions(ctx, pool.wire);
    if (pool.wire.allocationState !== "steady")
      throw conflict("PoolBeingResized", `The pool's allocation state is ${pool.wire.allocationState}.`);
    return pool;
  };

  router.on("POST", "/pools/:poolId/resize", async (ctx) => {
    const pool = steadyPool(ctx);
    const body = bodyObject(ctx.body);
    const dedicated = intField(body, "targetDedicatedNodes", "", 0, 10_000);
    const low = intField(body, "targetLowPriorityNodes", "", 0, 10_000);
    const timeout = durationField(body, "resizeTimeout", "", MIN_RESIZE_TIMEOUT_MS);
    const option = enumField(body, "nodeDeallocationOption", DEALLOCATION) ?? "requeue";
    if (dedicated !== undefined) pool.wire.targetDedicatedNodes = dedicated;
    if (low !== undefined) pool.wire.targetLowPriorityNodes = low;
    pool.wire.resizeTimeout = timeout ?? "PT15M";
    touch(pool.wire);
    lifecycle.resize(pool, option);
    await save(pool);
    return changedReply(202, pool.wire.url, pool.wire);
  });

  router.on("POST", "/pools/:poolId/stopresize", async (ctx) => {
    const pool = livePool(engine, ctx.params.poolId!);
    requireConditions(ctx, pool.wire);
    lifecycle.stopResize(pool);
    touch(pool.wire);
    await save(pool);
    return changedReply(202, pool.wire.url, pool.wire);
  });

  router.on("POST", "/pools/:poolId/removenodes", async (ctx): Promise<Reply> => {
    const pool = steadyPool(ctx);
    const body: Obj = bodyObject(ctx.body);
    const list = arrayField(body, "nodeList");
    if (!list || list.length === 0) throw missingProperty("nodeList");
    if (list.length > 100)
      throw batchError(413, "RequestBodyTooLarge", [
        { key: "Reason", value: "nodeList can name at most 100 nodes." },
      ]);
    durationField(body, "resizeTimeout", "", MIN_RESIZE_TIMEOUT_MS);
    const option: DeallocationOption = enumField(body, "nodeDeallocationOption", DEALLOCATION) ?? "requeue";
    const nodes = list.map((id, i) => {
      if (typeof id !== "string") throw invalidProperty(`nodeList[${i}]`, "Expected a node id.");
      try {
        return findNode(engine, pool, id);
      } catch {
        throw invalidProperty(`nodeList[${i}]`, "The node is not in the pool.", id);
      }
    });
    touch(pool.wire);
    lifecycle.removeNodes(pool, nodes, option);
    await save(pool);
    return changedReply(202, pool.wire.url, pool.wire);
  });
}
