/** Account-level reads: supported images, pool node counts, the account's ARM applications. */
import { batchError } from "../http/batch-error";
import { arraySource, listReply } from "../http/odata-query";
import type { Router } from "../http/router";
import type { NodeState } from "../model/types";
import { entityReply, lower } from "./common";
import type { Services } from "./services";

const COUNTED: [NodeState, string][] = [
  ["creating", "creating"],
  ["idle", "idle"],
  ["offline", "offline"],
  ["preempted", "preempted"],
  ["rebooting", "rebooting"],
  ["reimaging", "reimaging"],
  ["running", "running"],
  ["starting", "starting"],
  ["starttaskfailed", "startTaskFailed"],
  ["leavingpool", "leavingPool"],
  ["unknown", "unknown"],
  ["unusable", "unusable"],
  ["waitingforstarttask", "waitingForStartTask"],
];

export function registerAccountRoutes(router: Router, s: Services): void {
  const { engine } = s;
  const { state } = engine;

  router.on("GET", "/supportedimages", (ctx) =>
    listReply(ctx, arraySource(engine.config.supportedImages), (i) => i.value, "supportedimages"),
  );

  router.on("GET", "/nodecounts", (ctx) => {
    const rows = [...state.pools.values()].map((pool) => {
      const zero = () =>
        Object.fromEntries([...COUNTED.map(([, k]) => [k, 0]), ["total", 0]]) as Record<string, number>;
      const dedicated = zero();
      const lowPriority = zero();
      for (const node of state.nodesOf(lower(pool.wire.id)).values()) {
        const c = node.wire.isDedicated ? dedicated : lowPriority;
        const key = COUNTED.find(([st]) => st === node.wire.state)?.[1] ?? "unknown";
        c[key]!++;
        c.total!++;
      }
      return { poolId: pool.wire.id, dedicated, lowPriority };
    });
    return listReply(ctx, arraySource(rows), (r) => r.value, "poolnodecounts");
  });

  // ApplicationSummary: id, displayName and the Active versions (the ones a reference may name).
  const summaries = () => engine.config.applications?.summaries() ?? [];
  router.on("GET", "/applications", (ctx) =>
    listReply(ctx, arraySource(summaries()), (r) => r.value, "applications"),
  );
  router.on("GET", "/applications/:applicationId", (ctx) => {
    const wanted = lower(ctx.params.applicationId!);
    const app = summaries().find((a) => lower(a.id) === wanted);
    if (!app) throw batchError(404, "ApplicationNotFound", [], "The specified application does not exist.");
    return entityReply(ctx, app, "applications");
  });
}
