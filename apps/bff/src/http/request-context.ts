import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Per-request facts that outbound calls need without threading them through every signature:
 * the request id travels to Batch as client-request-id and to ARM as x-ms-client-request-id.
 */
export interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const runWithRequestContext = <T>(context: RequestContext, fn: () => T): T => storage.run(context, fn);

export const currentRequestId = (): string | undefined => storage.getStore()?.requestId;
