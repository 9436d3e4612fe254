import type { BatchManagementClient } from "@azure/arm-batch";
import { currentRequestId, recordUpstreamRequestId } from "../http/request-context";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

type Pipeline = BatchManagementClient["pipeline"];
type PipelinePolicy = Parameters<Pipeline["addPolicy"]>[0];

/**
 * Replaces the ARM SDK's bearer policy with one that sets the on-behalf-of ARM token. The SDK's
 * own policy refuses non-https URLs, which would make the local emulator a different code path;
 * this one behaves the same on both, stamps the portal's request id and keeps ARM's for the audit.
 */
export const useOnBehalfOfBearer = (pipeline: Pipeline, getToken: () => Promise<string>): void => {
  pipeline.removePolicy({ name: "bearerTokenAuthenticationPolicy" });
  const policy: PipelinePolicy = {
    name: "batchStudioOnBehalfOfBearer",
    sendRequest: async (request, next) => {
      if (request.url.startsWith("http://")) {
        // Only the local emulator is plain http; a token must never cross a real network unencrypted.
        if (!LOOPBACK_HOSTS.has(new URL(request.url).hostname)) throw new Error("ARM tokens are sent over plain http to loopback addresses only");
        request.allowInsecureConnection = true;
      }
      request.headers.set("authorization", `Bearer ${await getToken()}`);
      const requestId = currentRequestId();
      if (requestId !== undefined) request.headers.set("x-ms-client-request-id", requestId);
      const response = await next(request);
      // Non-2xx answers arrive here too (the SDK throws later), so a refused write keeps its id.
      recordUpstreamRequestId("arm", response.headers.get("x-ms-request-id"));
      return response;
    },
  };
  pipeline.addPolicy(policy, { phase: "Sign" });
};
