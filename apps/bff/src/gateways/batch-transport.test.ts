import { BatchServiceClient } from "@azure/batch";
import { RestError, WebResource, type AbortSignalLike } from "@azure/ms-rest-js";
import type { IncomingMessage } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../registry/test-servers";
import { MAX_UPSTREAM_IDS, newRequestContext, runWithRequestContext } from "../http/request-context";
import { BatchHttpClient, createBatchDispatcher } from "./batch-transport";

type Seen = { method?: string; url?: string; headers: IncomingMessage["headers"]; body: string };

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => resolve(body));
  });

describe("BatchHttpClient (the transport @azure/batch sends through)", () => {
  const seen: Seen[] = [];
  let connections = 0;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const dispatcher = createBatchDispatcher();
  const client = new BatchHttpClient(dispatcher);

  beforeAll(async () => {
    server = await startTestServer((req, res) => {
      void readBody(req).then((body) => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        if (req.url === "/redirect") return res.writeHead(302, { location: "http://169.254.169.254/" }).end();
        if (req.url === "/hang") return; // never answers
        // The request id the test asked for (a 409 like Batch's refusals carry one too).
        if (req.url?.startsWith("/answer-id/")) return res.writeHead(req.url.endsWith("-409") ? 409 : 200, { "request-id": req.url.slice("/answer-id/".length).replace(/-409$/, "") }).end("{}");
        if (req.url === "/file") return res.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.alloc(70_000, 7));
        if (req.url?.startsWith("/pools?")) {
          res.writeHead(200, { "content-type": "application/json;odata=minimalmetadata", "request-id": "r-1" });
          return res.end(JSON.stringify({ value: [{ id: "p1", vmSize: "standard_d2s_v3", state: "active" }] }));
        }
        if (req.url?.startsWith("/pools/missing?")) {
          res.writeHead(404, { "content-type": "application/json" });
          return res.end(JSON.stringify({ code: "PoolNotFound", message: { lang: "en-US", value: "The specified pool does not exist." } }));
        }
        res.writeHead(201, { "x-echo": String(req.headers["x-test"] ?? ""), "set-cookie": ["a=1", "b=2"] }).end(`got ${body.length}`);
      });
    });
    server.server.on("connection", () => connections++);
  });
  afterEach(() => {
    seen.length = 0;
  });
  afterAll(async () => {
    await dispatcher.destroy();
    await server.close();
  });

  it("sends method, headers and body, and returns status, headers and text", async () => {
    const req = new WebResource(`${server.base}/echo`, "POST", '{"a":1}', undefined, { "x-test": "yes", "content-type": "application/json" });
    const res = await client.sendRequest(req);
    expect(res.status).toBe(201);
    expect(res.bodyAsText).toBe("got 7");
    expect(res.headers.get("X-Echo")).toBe("yes");
    expect(res.headers.get("set-cookie")).toBe("a=1, b=2");
    expect(seen[0]).toMatchObject({ method: "POST", url: "/echo", body: '{"a":1}' });
    expect(seen[0]!.headers["content-type"]).toBe("application/json");
  });

  it("keeps Batch's request-id of every answer, refusals included, in the request's context only", async () => {
    const ids = ["0f8fad5b-d9cb-469f-a165-70867728950e", "7c9e6679-7425-40de-944b-e07fc1f90ae7"];
    const context = newRequestContext("c0a8012e-0000-4000-8000-000000000001");
    await runWithRequestContext(context, async () => {
      await client.sendRequest(new WebResource(`${server.base}/answer-id/${ids[0]}`, "GET"));
      await client.sendRequest(new WebResource(`${server.base}/answer-id/${ids[1]}-409`, "POST"));
      // Not a GUID: not Azure's, so not kept (a header is the server's text, not ours to log).
      await client.sendRequest(new WebResource(`${server.base}/answer-id/not-a-guid`, "GET"));
    });
    expect(context.upstreamRequestIds).toEqual({ batch: ids, arm: [] });
    // Outside any request (no context) nothing is recorded and nothing throws.
    await client.sendRequest(new WebResource(`${server.base}/answer-id/${ids[0]}`, "GET"));
    expect(context.upstreamRequestIds.batch).toEqual(ids);
  });

  it("keeps the latest ids when one request makes more calls than it records", async () => {
    const context = newRequestContext("c0a8012e-0000-4000-8000-000000000002");
    const idOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
    await runWithRequestContext(context, async () => {
      for (let n = 0; n < MAX_UPSTREAM_IDS + 3; n++) await client.sendRequest(new WebResource(`${server.base}/answer-id/${idOf(n)}`, "GET"));
    });
    expect(context.upstreamRequestIds.batch).toHaveLength(MAX_UPSTREAM_IDS);
    expect(context.upstreamRequestIds.batch[0]).toBe(idOf(3));
    expect(context.upstreamRequestIds.batch.at(-1)).toBe(idOf(MAX_UPSTREAM_IDS + 2));
  });

  it("reuses one keep-alive connection for requests in a row", async () => {
    const before = connections;
    for (let i = 0; i < 3; i++) await client.sendRequest(new WebResource(`${server.base}/echo`, "GET"));
    expect(connections - before).toBeLessThanOrEqual(1);
  });

  it("streams a body when asked (downloads are never buffered)", async () => {
    const req = new WebResource(`${server.base}/file`, "GET");
    req.streamResponseBody = true;
    const res = await client.sendRequest(req);
    expect(res.bodyAsText).toBeUndefined();
    let bytes = 0;
    for await (const chunk of res.readableStreamBody as AsyncIterable<Buffer>) bytes += chunk.length;
    expect(bytes).toBe(70_000);
  });

  it("does not follow redirects", async () => {
    const res = await client.sendRequest(new WebResource(`${server.base}/redirect`, "GET"));
    expect(res.status).toBe(302);
    expect(seen).toHaveLength(1);
  });

  it("reports an unreachable Batch as REQUEST_SEND_ERROR with the socket code and no URL", async () => {
    const closed = await startTestServer(() => undefined);
    await closed.close();
    const err = (await client.sendRequest(new WebResource(`${closed.base}/pools?api-version=x`, "GET")).catch((e: unknown) => e)) as RestError;
    expect(err).toBeInstanceOf(RestError);
    expect(err.code).toBe(RestError.REQUEST_SEND_ERROR);
    expect(err.message).toMatch(/ECONNREFUSED/);
    expect(err.message).not.toContain("127.0.0.1");
  });

  it("turns an abort or the SDK's timeout into REQUEST_ABORTED_ERROR", async () => {
    const aborted = new AbortController();
    aborted.abort();
    const pre = new WebResource(`${server.base}/echo`, "GET", undefined, undefined, undefined, false, false, aborted.signal as unknown as AbortSignalLike);
    await expect(client.sendRequest(pre)).rejects.toMatchObject({ code: RestError.REQUEST_ABORTED_ERROR });
    const slow = new WebResource(`${server.base}/hang`, "GET", undefined, undefined, undefined, false, false, undefined, 50);
    await expect(client.sendRequest(slow)).rejects.toMatchObject({ code: RestError.REQUEST_ABORTED_ERROR });
  });

  it("works under the real @azure/batch client: lists deserialise, errors keep Batch's code and status", async () => {
    const batch = new BatchServiceClient({ signRequest: async (r) => (r.headers.set("authorization", "Bearer obo-token"), r) }, server.base, {
      noRetryPolicy: true,
      httpClient: client,
    });
    const pools = await batch.pool.list({ poolListOptions: { select: "id,vmSize,state" } });
    expect(pools.map((p) => [p.id, p.vmSize, p.state])).toEqual([["p1", "standard_d2s_v3", "active"]]);
    expect(seen.at(-1)!.headers.authorization).toBe("Bearer obo-token");
    expect(seen.at(-1)!.url).toContain("$select=id%2CvmSize%2Cstate");
    const err = (await batch.pool.get("missing").catch((e: unknown) => e)) as RestError & { body?: { code?: string } };
    expect(err.statusCode).toBe(404);
    expect(err.body?.code).toBe("PoolNotFound");
  });
});
