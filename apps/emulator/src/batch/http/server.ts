/**
 * The request pipeline: api-version, authentication, body (size-limited JSON), routing, then the
 * reply in Batch's shape. Every expected failure is a BatchError rendered as Batch renders it;
 * anything else is a 500 with a request id and no internals.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate, type AccountCredentials } from "../auth/authenticate";
import { authorizeBearer, type DataPlaneAuthorization } from "../auth/authorize";
import { batchError, BatchError } from "./batch-error";
import type { Reply, RequestContext } from "./context";
import { API_VERSION } from "./odata-query";
import type { Router } from "./router";

export const JSON_CONTENT_TYPE = "application/json;odata=minimalmetadata";
/** Largest body accepted at all; Task_AddCollection enforces its own 1 MB. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface PipelineOptions {
  router: Router;
  credentials: AccountCredentials;
  /** Role checks for bearer callers; without it (a bare test account) every valid token has full access. */
  authorization?: DataPlaneAuthorization;
  baseUrl: () => string;
  /** GET /emulator/info: served without api-version or authentication (it holds no secrets). */
  info: () => object;
  onError?: (err: unknown, requestId: string) => void;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit)
    return Promise.reject(
      batchError(413, "RequestBodyTooLarge", [{ key: "Reason", value: `The body exceeds ${limit} bytes.` }]),
    );
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(
          batchError(413, "RequestBodyTooLarge", [
            { key: "Reason", value: `The body exceeds ${limit} bytes.` },
          ]),
        );
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function decodeSegments(rawPath: string): string[] {
  try {
    return rawPath.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    throw batchError(
      400,
      "InvalidUri",
      [{ key: "Reason", value: "The path contains an invalid percent-encoding." }],
      "The requested URI does not represent any resource on the server.",
    );
  }
}

export function createPipeline(opts: PipelineOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    const baseUrl = opts.baseUrl();
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = new URLSearchParams(q < 0 ? "" : rawUrl.slice(q + 1));
    const method = (req.method ?? "GET").toUpperCase();
    const common: Record<string, string> = { "request-id": requestId, DataServiceVersion: "3.0" };
    const clientRequestId = req.headers["client-request-id"];
    if (
      String(req.headers["return-client-request-id"]).toLowerCase() === "true" &&
      typeof clientRequestId === "string"
    )
      common["client-request-id"] = clientRequestId;

    const send = (reply: Reply) => {
      const headers: Record<string, string | number> = { ...common, ...reply.headers };
      if (reply.json || reply.rawJson !== undefined) {
        const body = Buffer.from(reply.rawJson ?? JSON.stringify(reply.json));
        headers["Content-Type"] = JSON_CONTENT_TYPE;
        headers["Content-Length"] = body.length;
        res.writeHead(reply.status, headers);
        res.end(method === "HEAD" ? undefined : body);
      } else if (reply.stream && method !== "HEAD") {
        res.writeHead(reply.status, headers);
        reply.stream.on("error", () => res.destroy());
        reply.stream.pipe(res);
      } else {
        if (headers["Content-Length"] === undefined && reply.status !== 204 && reply.status !== 304)
          headers["Content-Length"] = 0;
        res.writeHead(reply.status, headers);
        res.end();
      }
    };

    const sendError = (e: BatchError) => {
      const json = {
        "odata.metadata": `${baseUrl}/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element`,
        code: e.code,
        message: {
          lang: "en-US",
          value: `${e.message}\nRequestId:${requestId}\nTime:${new Date().toISOString()}`,
        },
        ...(e.values.length ? { values: e.values } : {}),
      };
      const headers: Record<string, string> = {};
      if (e.status === 401) headers["WWW-Authenticate"] = 'Bearer resource="https://batch.core.windows.net/"';
      send({ status: e.status, json, headers });
    };

    try {
      if (method === "GET" && rawPath.replace(/\/+$/, "").toLowerCase() === "/emulator/info")
        return send({ status: 200, json: opts.info() });
      const version = query.get("api-version");
      if (version === null)
        throw batchError(400, "MissingRequiredQueryParameter", [
          { key: "QueryParameterName", value: "api-version" },
        ]);
      if (version !== API_VERSION)
        throw batchError(400, "InvalidQueryParameterValue", [
          { key: "QueryParameterName", value: "api-version" },
          { key: "QueryParameterValue", value: version },
          { key: "Reason", value: `This emulator serves api-version ${API_VERSION} only.` },
        ]);
      const caller = await authenticate({ method, rawUrl, headers: req.headers }, opts.credentials);
      const segments = decodeSegments(rawPath);
      const { handler, params } = opts.router.match(method, segments);
      const raw = await readBody(req, MAX_BODY_BYTES);
      let body: unknown;
      if (raw.length) {
        try {
          body = JSON.parse(raw.toString("utf8"));
        } catch (e) {
          throw batchError(400, "InvalidRequestBody", [
            { key: "Reason", value: `The body is not valid JSON: ${(e as Error).message}` },
          ]);
        }
      }
      if (caller.kind === "bearer" && opts.authorization)
        authorizeBearer(opts.authorization, caller.claims, { method, rawPath, segments, body });
      const ctx: RequestContext = {
        method,
        params,
        query,
        headers: req.headers,
        body,
        bodyBytes: raw.length,
        authKind: caller.kind,
        requestId,
        baseUrl,
        rawPath,
      };
      const reply = await handler(ctx);
      send(reply);
    } catch (e) {
      if (e instanceof BatchError) return sendError(e);
      opts.onError?.(e, requestId);
      sendError(
        batchError(
          500,
          "InternalError",
          [],
          "The server encountered an internal error. Please retry the request.",
        ),
      );
    }
  };
}
