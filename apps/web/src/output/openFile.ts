import { fileHeaders } from "@batch-studio/shared";
import type { ApiClient } from "../auth/apiClient";
import { isApiError } from "../auth/apiError";
import { LOOK_BEHIND, safeStart } from "./byteBoundary";
import type { OutputTarget } from "./deepLink";
import { OutputBuffer } from "./outputBuffer";
import { LINE_SCAN_LIMIT, LINE_SCAN_STEP, MEMORY_BYTES, type OutputSource, WINDOW_BYTES } from "./outputSource";

/** Where the file opens: at its tail, or around a deep link's target. */
export type OpenAt = { kind: "tail" } | OutputTarget;

/** What an open read: the first window, and the size it was read against (the window reaches it when at the end). */
export interface Opened {
  buffer: OutputBuffer;
  size: number;
  /** Why a deep link could not be opened where it points. */
  notice?: string;
}

/** Asks for [start, end] (inclusive); the BFF stops at the file's end and reports the whole size with the headers. */
async function requestRange(api: ApiClient, source: OutputSource, start: number, end: number, signal?: AbortSignal) {
  const res = await api.raw(source.content(start, end), { signal });
  const size = Number(res.headers.get(fileHeaders.totalSize) ?? NaN);
  return { res, size: Number.isFinite(size) ? size : undefined };
}

/** Reads [start, end] (inclusive); the BFF stops at the file's end and reports the whole size. */
export async function readRange(api: ApiClient, source: OutputSource, start: number, end: number, signal?: AbortSignal) {
  const { res, size } = await requestRange(api, source, start, end, signal);
  return { bytes: new Uint8Array(await res.arrayBuffer()), size };
}

/**
 * Reads the window [start, end] (inclusive), moved forward so it starts on a character and
 * escape-sequence boundary (see byteBoundary.ts); the look-behind bytes are read but not kept.
 */
export async function readWindow(api: ApiClient, source: OutputSource, start: number, end: number, signal?: AbortSignal) {
  if (start === 0) return { start, ...(await readRange(api, source, start, end, signal)) };
  const from = Math.max(0, start - LOOK_BEHIND);
  const read = await readRange(api, source, from, end, signal);
  const cut = safeStart(read.bytes, start - from);
  // A window that would be all sequence (cannot happen with real windows) is taken as asked.
  const at = cut < read.bytes.length ? cut : start - from;
  return { start: from + at, bytes: read.bytes.subarray(at), size: read.size };
}

/** Drops older or newer lines once the buffer passes `cap`, taking a quarter more so drops are rare. */
export function keepUnder(buffer: OutputBuffer, cap: number, side: "oldest" | "newest"): boolean {
  if (buffer.size <= cap) return false;
  const to = Math.floor((cap * 3) / 4);
  return (side === "oldest" ? buffer.dropOldest(to) : buffer.dropNewest(to)) > 0;
}

const isStatus = (e: unknown, status: number) => isApiError(e) && e.status === status;

/** A window that may start past the file's end: undefined then (416), instead of an error. */
async function windowOrNothing(api: ApiClient, source: OutputSource, start: number, end: number, signal: AbortSignal) {
  try {
    return await readWindow(api, source, start, end, signal);
  } catch (e) {
    if (isStatus(e, 416)) return undefined;
    throw e;
  }
}

/** The first window of the file, with the size its answer reports. */
async function readHead(api: ApiClient, source: OutputSource, signal: AbortSignal) {
  const { res, size } = await requestRange(api, source, 0, WINDOW_BYTES - 1, signal);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { bytes, size: size ?? bytes.length };
}

/** First byte of a ranged answer (`bytes s-e/total`); a 200 answer holds the whole file, from 0. */
const answerStart = (res: Response) => Number(/^bytes (\d+)-/.exec(res.headers.get("content-range") ?? "")?.[1] ?? 0);

/**
 * The last window, in one request whatever the size: the BFF resolves `tail` against the file's
 * size. The look-behind bytes come with it, so the window starts on a character and
 * escape-sequence boundary (see byteBoundary.ts) as every other window does.
 */
async function readTail(api: ApiClient, source: OutputSource, signal: AbortSignal): Promise<Opened> {
  const res = await api.raw(source.tail(WINDOW_BYTES + LOOK_BEHIND), { signal });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const reported = Number(res.headers.get(fileHeaders.totalSize) ?? NaN);
  const from = answerStart(res);
  const size = Number.isFinite(reported) ? reported : from + bytes.length;
  if (from === 0) return { buffer: new OutputBuffer(0, bytes), size };
  const wanted = Math.max(0, bytes.length - WINDOW_BYTES);
  const cut = safeStart(bytes, wanted);
  const at = cut < bytes.length ? cut : wanted;
  return { buffer: new OutputBuffer(from + at, bytes.subarray(at)), size };
}

/**
 * The tail. A file the listing says fits in a window is read from its start with a window to
 * spare (a running task's listing may lag), which reaches its end unless it grew more than that.
 * Any other file, whatever its size or whether it is known, opens with one `tail` read.
 */
async function openTail(api: ApiClient, source: OutputSource, sizeHint: number | undefined, signal: AbortSignal): Promise<Opened> {
  if (sizeHint !== undefined && sizeHint > 0 && sizeHint <= WINDOW_BYTES) {
    const read = await readRange(api, source, 0, sizeHint - 1 + WINDOW_BYTES, signal);
    if (read.size !== undefined && read.bytes.length >= read.size) return { buffer: new OutputBuffer(0, read.bytes), size: read.size };
  }
  return readTail(api, source, signal);
}

/** Reads from the file start until line `line` is loaded, keeping memory bounded; says why not if it cannot. */
async function openAtLine(api: ApiClient, source: OutputSource, line: number, signal: AbortSignal): Promise<Opened> {
  const head = await readHead(api, source, signal);
  const total = head.size;
  const buffer = new OutputBuffer(0, head.bytes);
  while ((buffer.numberRange?.last ?? 0) < line && buffer.end < total) {
    if (buffer.end >= LINE_SCAN_LIMIT) {
      return { buffer, size: total, notice: `Line ${line} is not within the first ${LINE_SCAN_LIMIT / 1024 / 1024} MiB of the file. Links by byte offset (#b=…) open anywhere.` };
    }
    const { bytes } = await readRange(api, source, buffer.end, Math.min(total, buffer.end + LINE_SCAN_STEP) - 1, signal);
    if (bytes.length === 0) break;
    buffer.append(bytes);
    keepUnder(buffer, MEMORY_BYTES, "oldest");
  }
  const range = buffer.numberRange;
  const lastShown = buffer.view().at(-1)?.number;
  if ((range?.last ?? 0) < line && lastShown !== line) {
    return { buffer, size: total, notice: `The file has ${lastShown ?? 0} lines; line ${line} does not exist (yet).` };
  }
  return { buffer, size: total };
}

/** A window centred on the linked byte: no size needed first, the read reports it. Past the end, the tail with a notice. */
async function openAtByte(api: ApiClient, source: OutputSource, offset: number, signal: AbortSignal): Promise<Opened> {
  const start = Math.max(0, offset - WINDOW_BYTES / 2);
  const read = await windowOrNothing(api, source, start, start + WINDOW_BYTES - 1, signal);
  if (read?.size !== undefined && offset < read.size) return { buffer: new OutputBuffer(read.start, read.bytes), size: read.size };
  const tail = await openTail(api, source, read?.size, signal);
  return tail.size > 0 ? { ...tail, notice: `Byte ${offset} is past the end of the file (${tail.size} bytes).` } : tail;
}

/**
 * Opens a file with as few sequential requests as the BFF's reads allow: one for the tail of a
 * file of any size (known or not), and for a deep link by byte within the file.
 */
export function openFile(api: ApiClient, source: OutputSource, at: OpenAt, opts: { sizeHint?: number; signal: AbortSignal }): Promise<Opened> {
  if (at.kind === "line") return openAtLine(api, source, at.line, opts.signal);
  if (at.kind === "byte") return openAtByte(api, source, at.offset, opts.signal);
  return openTail(api, source, opts.sizeHint, opts.signal);
}
