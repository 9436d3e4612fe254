import type { ServerResponse } from "node:http";

/** The content type Express's res.json sets; kept identical so clients see no difference. */
export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

/**
 * Writes an already-serialised JSON body with its length, in one end() (headers and body leave
 * in one write). Express's res.json goes through res.send, which also hashes the body for an
 * ETag and re-derives the content type on every call; the API needs neither (see app.ts).
 * HEAD requests get the headers only: Node drops the body itself.
 */
export const sendJsonText = (res: ServerResponse, status: number, text: string): void => {
  res.statusCode = status;
  res.setHeader("content-type", JSON_CONTENT_TYPE);
  res.setHeader("content-length", Buffer.byteLength(text));
  res.end(text);
};

export const sendJson = (res: ServerResponse, status: number, body: unknown): void =>
  sendJsonText(res, status, JSON.stringify(body));
