/**
 * A pool's node communication mode (REST CloudPool, 2022-10-01.16.0): `targetNodeCommunicationMode`
 * is asked for (default | classic | simplified; "If omitted, the default value is Default"), and
 * `currentNodeCommunicationMode` is what the nodes use. "Default" means "automatically set by the
 * Batch service" (NodeCommunicationMode, Azure SDK for .NET reference). Classic was retired on
 * 31 March 2026 ("Use simplified compute node communication", Microsoft Learn), so the service now
 * picks simplified; an explicit classic is kept, as older pools report it.
 */
import type { PoolRecord } from "./types";
import { enumField, type Obj } from "../validation/fields";

export const NODE_COMMUNICATION_MODES = ["default", "classic", "simplified"] as const;
export type NodeCommunicationMode = (typeof NODE_COMMUNICATION_MODES)[number];

export const targetModeField = (body: Obj): NodeCommunicationMode | undefined =>
  enumField(body, "targetNodeCommunicationMode", NODE_COMMUNICATION_MODES);

/** What the nodes of a pool asking for `target` use. */
export const resolvedMode = (target: unknown): Exclude<NodeCommunicationMode, "default"> =>
  target === "classic" ? "classic" : "simplified";

/**
 * Nodes take up their settings when they join, so (the emulator's reading; the reference does not
 * say when a changed target takes effect) the current mode follows the target only while the pool
 * has no nodes; `hasNodes` says whether it has any now.
 */
export function settleCommunicationMode(pool: PoolRecord, hasNodes: boolean): void {
  if (!hasNodes || pool.wire.currentNodeCommunicationMode === undefined)
    pool.wire.currentNodeCommunicationMode = resolvedMode(pool.wire.targetNodeCommunicationMode);
}
