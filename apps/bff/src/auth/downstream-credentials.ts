import type { BatchServiceClient } from "@azure/batch";
import { currentRequestId } from "../http/request-context";
import { BATCH_SCOPE, type OnBehalfOfTokens } from "./on-behalf-of";
import type { Operator } from "./token-verifier";

type BatchCredentials = ConstructorParameters<typeof BatchServiceClient>[0];
type WebResource = Parameters<BatchCredentials["signRequest"]>[0];

/**
 * The @azure/batch client's credential. A TokenCredential passed directly would be asked for the
 * ARM scope (docs/azure-batch-notes.md#identity-and-on-behalf-of), so this signs each request
 * with the Batch-scoped OBO token itself — and tags it with the portal's request id so Batch logs
 * and ours line up.
 */
export const batchCredentials = (tokens: OnBehalfOfTokens, operator: Operator): BatchCredentials => ({
  signRequest: async (request: WebResource) => {
    const { token } = await tokens.tokenFor(operator, BATCH_SCOPE);
    request.headers.set("authorization", `Bearer ${token}`);
    const requestId = currentRequestId();
    if (requestId !== undefined) request.headers.set("client-request-id", requestId);
    return request;
  },
});
