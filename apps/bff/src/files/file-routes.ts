import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import type { Request, Response } from "express";
import type { z } from "zod";
import { fileHeaders, followEventNames, type DownloadTicket, type FileContentQuery, type FileFollowQuery, type FollowEnd, type FollowStatus } from "@batch-studio/shared";
import type { FileSource } from "../gateways/batch-gateway";
import { problem, toProblem } from "../http/problem";
import type { Operator } from "../auth/token-verifier";
import { fileTargetOf, type DownloadTickets } from "./download-tickets";
import { toFollowChunk } from "./follow-chunk";

/** Largest slice one follow event carries; a big backlog goes out as several events. */
const FOLLOW_CHUNK_BYTES = 256 * 1024;
const HEARTBEAT_MS = 15_000;
/** How long a follow waits for Batch to answer again (a service restart) before it ends with an error. */
const UNREACHABLE_LIMIT_MS = 120_000;
const UNREACHABLE_RETRY_MS = 500;

/** Batch could not be reached or answered 5xx (the BFF renders both as 502/503): worth trying again. */
const upstreamUnavailable = (err: unknown): boolean => {
  const status = toProblem(err).problem.status;
  return status === 502 || status === 503;
};

export interface FollowOptions {
  /** How often the file's size is polled while nothing new arrived. */
  intervalMs: number;
}

const statusOf = (err: unknown): number | undefined => (err as { statusCode?: number }).statusCode;

const readAll = async (stream: Readable, limit: number): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    chunks.push(b);
    total += b.length;
    if (total > limit) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, limit);
};

/**
 * File bodies are served as opaque bytes: a task's output is never interpreted by the browser
 * as HTML or script of the portal's origin.
 */
const setOpaqueHeaders = (res: Response, contentType: string | undefined) => {
  res.setHeader("content-type", "application/octet-stream");
  if (contentType) res.setHeader("x-file-content-type", contentType);
  res.setHeader("content-security-policy", "sandbox; default-src 'none'");
  res.setHeader("cache-control", "no-store");
};

export const notAFile = () => problem(400, "is_directory", "That path is a directory", { issues: [{ path: ["path"], level: "error", code: "is_directory", message: "choose a file, not a directory" }] });

/** What a content read asks for: inclusive `start`/`end`, or the last `tail` bytes. */
export type ContentQuery = z.output<typeof FileContentQuery>;

/** The inclusive byte range a query asks of a non-empty file of `size` bytes; undefined for the whole file. */
export const rangeOf = (q: ContentQuery, size: number): { start: number; end: number } | undefined => {
  if (q.tail !== undefined) return { start: Math.max(0, size - q.tail), end: size - 1 };
  if (q.start === undefined && q.end === undefined) return undefined;
  return { start: q.start ?? 0, end: Math.min(q.end ?? size - 1, size - 1) };
};

/**
 * One properties call for the size, then one read of the range resolved against it. A `tail`
 * is resolved here, so the browser needs no size first: one round trip to open at the end.
 */
export const serveFileRange = async (source: FileSource, q: ContentQuery, res: Response) => {
  const props = await source.properties(q.path);
  if (props.isDirectory) throw notAFile();
  setOpaqueHeaders(res, props.contentType);
  res.setHeader(fileHeaders.totalSize, String(props.size));
  if (props.lastModified) res.setHeader(fileHeaders.lastModified, props.lastModified.toUTCString());
  if (props.size === 0) {
    res.status(200).setHeader("content-length", "0").end();
    return;
  }
  const range = rangeOf(q, props.size);
  if (range && range.start >= props.size) {
    res.setHeader(fileHeaders.contentRange, `bytes */${props.size}`);
    throw problem(416, "InvalidRange", "The byte range starts after the end of the file", { detail: `the file has ${props.size} bytes` }, { [fileHeaders.contentRange]: `bytes */${props.size}` });
  }
  const content = await source.read(q.path, range);
  if (range) {
    res.status(206);
    res.setHeader(fileHeaders.contentRange, `bytes ${range.start}-${range.end}/${props.size}`);
    res.setHeader("content-length", String(range.end - range.start + 1));
  } else {
    res.status(200);
    res.setHeader("content-length", String(content.size || props.size));
  }
  await pipeline(content.stream, res);
};

const baseName = (path: string) => path.split("/").filter(Boolean).pop() ?? "file";

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
export const contentDisposition = (path: string): string => {
  const name = baseName(path);
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
};

/** Streams the whole file from Batch to the browser; nothing is buffered beyond stream chunks. */
export const serveDownload = async (source: FileSource, q: { path: string }, res: Response) => {
  const content = await source.read(q.path);
  if (content.isDirectory) {
    content.stream.destroy();
    throw notAFile();
  }
  setOpaqueHeaders(res, content.contentType);
  res.setHeader("content-disposition", contentDisposition(q.path));
  res.setHeader("content-length", String(content.size));
  res.setHeader(fileHeaders.totalSize, String(content.size));
  await pipeline(content.stream, res);
};

/**
 * Trades the caller's bearer token for a single-use link to one file (see DownloadTickets).
 * The file is checked first, so a link is only handed out for a file the operator can read.
 */
export const mintDownloadTicket = async (
  source: FileSource,
  tickets: DownloadTickets,
  operator: Operator,
  params: Record<string, string>,
  path: string,
  urlOf: (ticket: string) => string,
  res: Response,
): Promise<DownloadTicket> => {
  const props = await source.properties(path);
  if (props.isDirectory) throw notAFile();
  const { ticket, expiresAt } = tickets.mint(operator, fileTargetOf(params, path));
  res.setHeader("cache-control", "no-store");
  return { url: urlOf(ticket), expiresAt: expiresAt.toISOString() };
};

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });

/**
 * Server-Sent Events of a growing file: `data` events with the appended bytes (SSE id = the
 * offset after them), `status` now and then, and `end` once the task has completed and every
 * byte was sent. Node files have no task, so they follow until the client goes away.
 */
export const serveFollow = async (source: FileSource, q: z.output<typeof FileFollowQuery>, req: Request, res: Response, options: FollowOptions) => {
  const lastEventId = Number(req.headers["last-event-id"]);
  let offset = Number.isInteger(lastEventId) && lastEventId >= 0 ? lastEventId : q.from;
  const abort = new AbortController();
  res.on("close", () => abort.abort());

  res.status(200);
  res.setHeader("content-type", "text/event-stream; charset=utf-8");
  res.setHeader("cache-control", "no-cache, no-transform");
  res.setHeader("x-accel-buffering", "no");
  res.flushHeaders();

  const send = (event: string, data: unknown, id?: number) => {
    res.write(`${id !== undefined ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const finish = (end: FollowEnd) => {
    send(followEventNames.end, end);
    res.end();
  };

  let lastBeat = Date.now();
  let size = 0;
  const beat = (status: FollowStatus) => {
    if (Date.now() - lastBeat < HEARTBEAT_MS) return;
    send(followEventNames.status, status);
    lastBeat = Date.now();
  };

  /** One look at the file: "more" when bytes were sent (more may wait), "wait" to poll again, or how it ended. */
  const step = async (): Promise<"more" | "wait" | FollowEnd> => {
    let exists = true;
    try {
      size = (await source.properties(q.path)).size;
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
      exists = false; // not written yet: a task's stdout appears when it starts
    }
    if (exists && size > offset) {
      const end = Math.min(size, offset + FOLLOW_CHUNK_BYTES) - 1;
      const content = await source.read(q.path, { start: offset, end });
      const bytes = await readAll(content.stream, end - offset + 1);
      if (bytes.length === 0) return "wait";
      const chunk = toFollowChunk(offset, bytes, true);
      offset += chunk.length;
      send(followEventNames.data, chunk, offset);
      return "more";
    }
    if (!source.taskState) {
      beat({ size });
      return "wait";
    }
    const task = await source.taskState();
    if (task.state !== "completed") {
      beat({ size, taskState: task.state });
      return "wait";
    }
    // The task is done, so the size is final: send what is left, then end.
    let finalSize = -1;
    try {
      finalSize = (await source.properties(q.path)).size;
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
    if (finalSize > offset) return "more";
    const ended: FollowEnd = { reason: finalSize < 0 ? "notFound" : "completed", size: Math.max(finalSize, 0), taskState: task.state };
    if (task.exitCode !== undefined) ended.exitCode = task.exitCode;
    return ended;
  };

  // Since when Batch has not answered; a restart of the service must not end the operator's follow.
  let unreachableSince: number | undefined;
  while (!abort.signal.aborted) {
    try {
      const next = await step();
      unreachableSince = undefined;
      if (next === "more") continue;
      if (next !== "wait") return finish(next);
      await sleep(options.intervalMs, abort.signal);
    } catch (err) {
      if (abort.signal.aborted) return;
      const now = Date.now();
      unreachableSince ??= now;
      if (upstreamUnavailable(err) && now - unreachableSince < UNREACHABLE_LIMIT_MS) {
        beat({ size });
        await sleep(Math.max(options.intervalMs, UNREACHABLE_RETRY_MS), abort.signal);
        continue;
      }
      const p = toProblem(err).problem;
      const code = statusOf(err) === 404 ? "notFound" : "error";
      return finish({ reason: code, size, message: p.title });
    }
  }
};
