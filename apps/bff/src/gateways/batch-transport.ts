import { HttpHeaders, RestError, type HttpClient, type HttpOperationResponse, type WebResourceLike } from "@azure/ms-rest-js";
import type { Readable } from "node:stream";
import { Agent, request, type Dispatcher } from "undici";
import { recordUpstreamRequestId } from "../http/request-context";

/** Idle keep-alive sockets to Batch are dropped after this; Azure's front ends close idle ones at ~4 min. */
const KEEP_ALIVE_MS = 30_000;

/** The pool of keep-alive connections every Batch client of one BFF shares (closed with the app). */
export const createBatchDispatcher = (): Agent => new Agent({ keepAliveTimeout: KEEP_ALIVE_MS, keepAliveMaxTimeout: KEEP_ALIVE_MS });

type RequestBody = string | Buffer | Uint8Array | Readable | null;

const bodyOf = (r: WebResourceLike): RequestBody => {
  if (r.formData !== undefined && r.formData !== null) {
    // No Batch data-plane operation the BFF calls sends multipart bodies; refuse rather than mis-send.
    throw new RestError("multipart bodies are not supported by the BFF's Batch transport", RestError.REQUEST_SEND_ERROR, undefined, r);
  }
  const body: unknown = typeof r.body === "function" ? (r.body as () => unknown)() : r.body;
  return body === undefined ? null : (body as RequestBody);
};

/** Time limit of the whole exchange when the SDK asks for one (WebResource.timeout, ms; 0 = none). */
const signalOf = (r: WebResourceLike): AbortSignal | undefined => {
  const caller = r.abortSignal as AbortSignal | undefined;
  if (!r.timeout) return caller;
  const timer = AbortSignal.timeout(r.timeout);
  return caller ? AbortSignal.any([caller, timer]) : timer;
};

const responseHeaders = (raw: Record<string, string | string[] | undefined>): HttpHeaders => {
  const headers = new HttpHeaders();
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
};

/**
 * The HTTP client @azure/batch sends its requests through (ServiceClientOptions.httpClient).
 * The SDK's default (node-fetch on node:http, an AbortController polyfill and a header copy per
 * request) cost about as much CPU per call as the emulator spends answering it; undici's request
 * API over one shared keep-alive pool does the same exchange for roughly half. Everything above
 * the transport — signing, serialisation, deserialisation, error mapping — is still the SDK's.
 * Semantics kept from the SDK's client: redirects are not followed, `streamResponseBody` returns
 * the body as a Node stream (file downloads stay streamed), other bodies are read as text, an
 * abort becomes REQUEST_ABORTED_ERROR and a transport failure REQUEST_SEND_ERROR.
 */
export class BatchHttpClient implements HttpClient {
  constructor(private readonly dispatcher: Dispatcher) {}

  async sendRequest(r: WebResourceLike): Promise<HttpOperationResponse> {
    const signal = signalOf(r);
    if (signal?.aborted) throw new RestError("The request was aborted", RestError.REQUEST_ABORTED_ERROR, undefined, r);
    let res: Dispatcher.ResponseData;
    try {
      res = await request(r.url, {
        dispatcher: this.dispatcher,
        method: r.method,
        headers: r.headers.rawHeaders(),
        body: bodyOf(r),
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      throw transportError(err, r);
    }
    // Every answer counts, errors too: a refused or failed write is what Batch support asks about.
    const batchRequestId = res.headers["request-id"];
    recordUpstreamRequestId("batch", typeof batchRequestId === "string" ? batchRequestId : undefined);
    const response: HttpOperationResponse = { request: r, status: res.statusCode, headers: responseHeaders(res.headers) };
    if (r.streamResponseBody) {
      response.readableStreamBody = res.body;
      return response;
    }
    try {
      response.bodyAsText = await res.body.text();
    } catch (err) {
      throw transportError(err, r);
    }
    return response;
  }
}

const transportError = (err: unknown, r: WebResourceLike): RestError => {
  if (err instanceof RestError) return err;
  const e = err as { name?: string; code?: string; message?: string };
  if (e.name === "AbortError" || e.name === "TimeoutError" || e.code === "UND_ERR_ABORTED") {
    return new RestError("The request was aborted", RestError.REQUEST_ABORTED_ERROR, undefined, r);
  }
  // The socket-level code (ECONNREFUSED, UND_ERR_SOCKET, …) is what helps; URLs and headers stay out.
  return new RestError(`Batch could not be reached (${e.code ?? e.name ?? "network error"})`, RestError.REQUEST_SEND_ERROR, undefined, r);
};
