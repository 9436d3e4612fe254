import { AsyncLocalStorage } from "node:async_hooks";

/** Which Azure service answered an outbound call: their request ids go to different support queues. */
export type UpstreamService = "batch" | "arm";

/** Azure's own request ids (Batch `request-id`, ARM `x-ms-request-id`) are GUIDs; anything else is not kept. */
const AZURE_REQUEST_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A request that makes more calls than this (a bulk add of 100 tasks) keeps its latest ones. */
export const MAX_UPSTREAM_IDS = 32;

/**
 * Per-request facts that outbound calls need without threading them through every signature:
 * the request id travels to Batch as client-request-id and to ARM as x-ms-client-request-id, and
 * the ids Batch and ARM answer with come back here, in call order, for the audit event.
 */
export interface RequestContext {
  requestId: string;
  readonly upstreamRequestIds: Record<UpstreamService, string[]>;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const newRequestContext = (requestId: string): RequestContext => ({ requestId, upstreamRequestIds: { batch: [], arm: [] } });

export const runWithRequestContext = <T>(context: RequestContext, fn: () => T): T => storage.run(context, fn);

export const currentRequestContext = (): RequestContext | undefined => storage.getStore();

export const currentRequestId = (): string | undefined => storage.getStore()?.requestId;

/** Called by the transports with the response header as it came; outside a request (startup probes) it is dropped. */
export const recordUpstreamRequestId = (service: UpstreamService, header: string | null | undefined): void => {
  const ids = storage.getStore()?.upstreamRequestIds[service];
  if (ids === undefined || header === null || header === undefined || !AZURE_REQUEST_ID.test(header)) return;
  ids.push(header);
  if (ids.length > MAX_UPSTREAM_IDS) ids.shift();
};
