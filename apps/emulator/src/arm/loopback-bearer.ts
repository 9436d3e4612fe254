import type { BatchManagementClient } from "@azure/arm-batch";

type Pipeline = BatchManagementClient["pipeline"];

export interface SimpleTokenCredential {
  getToken(scopes: string | string[]): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

/**
 * The Azure SDKs' bearer policy refuses plain-http URLs ("Bearer token authentication is not
 * permitted for non-TLS protected (non-https) URLs"), and the local ARM listens on loopback http.
 * This swaps that one policy (and lets the request use http, loopback only) for an equivalent that also sends the token over http — the same
 * credential and scopes, nothing else in the client changes. (Clients used against real Azure
 * keep the SDK's policy.)
 */
export function allowBearerOverLoopbackHttp(
  pipeline: Pipeline,
  credential: SimpleTokenCredential,
  scopes: string[],
): void {
  pipeline.removePolicy({ name: "bearerTokenAuthenticationPolicy" });
  pipeline.addPolicy(
    {
      name: "loopbackBearerTokenPolicy",
      async sendRequest(request, next) {
        const url = new URL(request.url);
        if (url.protocol !== "https:") {
          if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname))
            throw new Error("Bearer tokens are only sent over http to loopback addresses.");
          request.allowInsecureConnection = true;
        }
        const token = await credential.getToken(scopes);
        if (token) request.headers.set("authorization", `Bearer ${token.token}`);
        return next(request);
      },
    },
    { phase: "Sign" },
  );
}
