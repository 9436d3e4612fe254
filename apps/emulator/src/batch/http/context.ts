/** What a route handler sees and returns. Handlers are plain functions: (ctx) => Reply, or throw BatchError. */
import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";
import type { AuthKind } from "../auth/authenticate";

export interface RequestContext {
  method: string;
  /** Route parameters, already percent-decoded (file paths keep their "/"). */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when there was none. */
  body: unknown;
  /** Size of the raw body in bytes (Task_AddCollection has a 1 MB limit). */
  bodyBytes: number;
  authKind: AuthKind;
  requestId: string;
  /** Absolute base for url fields and odata.nextLink, no trailing slash. */
  baseUrl: string;
  /** Path of the request as received (raw, still encoded), for odata.nextLink. */
  rawPath: string;
}

export interface Reply {
  status: number;
  /** A JSON object (rendered with odata.metadata by the route) or a stream (file content). */
  json?: object;
  /** An already serialized JSON body (list pages built from cached entity JSON). */
  rawJson?: string;
  stream?: Readable;
  headers?: Record<string, string | number>;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;
