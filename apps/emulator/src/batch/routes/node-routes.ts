/** /pools/{id}/nodes: list, get, reboot, reimage, disablescheduling, enablescheduling, uploadbatchservicelogs. */
import { conflict, invalidProperty } from "../http/batch-error";
import type { RequestContext } from "../http/context";
import { listReply, metadataUrl } from "../http/odata-query";
import type { Router } from "../http/router";
import { withoutSecrets } from "../model/redact";
import type { NodeRecord } from "../model/types";
import { ServiceLogUploadError, uploadBatchServiceLogs } from "../task-data/batch-service-logs";
import { bodyObject, enumField, objectField, requiredString, stringField } from "../validation/fields";
import { entityReply, findNode, findPool, livePool, lower, optionalBody } from "./common";
import type { Services } from "./services";

const RESTART_OPTIONS = ["requeue", "terminate", "taskcompletion", "retaineddata"] as const;

export function registerNodeRoutes(router: Router, s: Services): void {
  const { engine, lifecycle } = s;

  const target = (ctx: RequestContext) => {
    const pool = livePool(engine, ctx.params.poolId!);
    return { pool, node: findNode(engine, pool, ctx.params.nodeId!) };
  };

  router.on("GET", "/pools/:poolId/nodes", (ctx) => {
    const pool = findPool(engine, ctx.params.poolId!);
    return listReply(
      ctx,
      engine.state.nodesOf(lower(pool.wire.id)),
      (n: NodeRecord) => withoutSecrets(n.wire),
      "nodes",
    );
  });

  router.on("GET", "/pools/:poolId/nodes/:nodeId", (ctx) => {
    const pool = findPool(engine, ctx.params.poolId!);
    return entityReply(ctx, withoutSecrets(findNode(engine, pool, ctx.params.nodeId!).wire), "nodes");
  });

  const restart = (reimage: boolean) => (ctx: RequestContext) => {
    const { pool, node } = target(ctx);
    const name = reimage ? "nodeReimageOption" : "nodeRebootOption";
    const option = enumField(optionalBody(ctx), name, RESTART_OPTIONS) ?? "requeue";
    if (["creating", "leavingpool", "rebooting", "reimaging"].includes(node.wire.state))
      throw conflict("OperationInvalidForCurrentState", `The node is ${node.wire.state}.`);
    lifecycle.restart(pool, node, option, reimage);
    return { status: 202, headers: { DataServiceId: node.wire.url } };
  };
  router.on("POST", "/pools/:poolId/nodes/:nodeId/reboot", restart(false));
  router.on("POST", "/pools/:poolId/nodes/:nodeId/reimage", restart(true));

  router.on("POST", "/pools/:poolId/nodes/:nodeId/disablescheduling", (ctx) => {
    const { node } = target(ctx);
    const option =
      enumField(optionalBody(ctx), "nodeDisableSchedulingOption", [
        "requeue",
        "terminate",
        "taskcompletion",
      ] as const) ?? "requeue";
    lifecycle.disableScheduling(node, option);
    return { status: 200, headers: { DataServiceId: node.wire.url } };
  });

  router.on("POST", "/pools/:poolId/nodes/:nodeId/enablescheduling", (ctx) => {
    const { node } = target(ctx);
    lifecycle.enableScheduling(node);
    return { status: 200, headers: { DataServiceId: node.wire.url } };
  });

  router.on("POST", "/pools/:poolId/nodes/:nodeId/uploadbatchservicelogs", async (ctx) => {
    const { pool, node } = target(ctx);
    const body = bodyObject(ctx.body);
    const containerUrl = requiredString(body, "containerUrl");
    if (!/^https?:\/\//i.test(containerUrl))
      throw invalidProperty("containerUrl", "Expected an http(s) URL of a container with a SAS.");
    const startTime = timeField(body, "startTime", true)!;
    const endTime = timeField(body, "endTime", false);
    if (endTime !== undefined && endTime < startTime)
      throw invalidProperty("endTime", "endTime must not be before startTime.");
    if (objectField(body, "identityReference"))
      // The emulator has no managed identities; a SAS in containerUrl is the way in.
      throw invalidProperty(
        "identityReference",
        "Managed identities are not emulated by the local Batch emulator; give containerUrl with a SAS that allows write.",
      );
    try {
      const result = await uploadBatchServiceLogs({
        containerUrl,
        poolId: pool.wire.id,
        nodeId: node.wire.id,
        lines: engine.agentLog.between(node, startTime, endTime),
      });
      const json = { "odata.metadata": metadataUrl(ctx, "uploadbatchservicelogsresult/@Element"), ...result };
      return { status: 200, json };
    } catch (e) {
      // Batch documents no code for a container that refuses the upload; the emulator's choice.
      if (e instanceof ServiceLogUploadError) throw invalidProperty("containerUrl", e.message);
      throw e;
    }
  });
}

/** A date-time body field as epoch milliseconds. */
function timeField(body: Record<string, unknown>, name: string, required: boolean): number | undefined {
  const text = required ? requiredString(body, name) : stringField(body, name);
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw invalidProperty(name, "Expected an ISO 8601 date-time.", text);
  return ms;
}
