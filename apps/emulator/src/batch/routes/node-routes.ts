/** /pools/{id}/nodes: list, get, reboot, reimage, disablescheduling, enablescheduling. */
import { conflict } from "../http/batch-error";
import type { RequestContext } from "../http/context";
import { listReply } from "../http/odata-query";
import type { Router } from "../http/router";
import { withoutSecrets } from "../model/redact";
import type { NodeRecord } from "../model/types";
import { enumField } from "../validation/fields";
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
}
