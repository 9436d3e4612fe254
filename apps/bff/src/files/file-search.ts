import type { Readable } from "node:stream";
import type { Response } from "express";
import type { z } from "zod";
import type { FileSearchQuery, FileSearchResult } from "@batch-studio/shared";
import type { FileSource } from "../gateways/batch-gateway";
import { notAFile } from "./file-routes";
import { needleOf, searchBytes } from "./byte-search";

/** Bytes per range read of a search: large enough that Batch's per-request cost is small beside it. */
export const SEARCH_CHUNK_BYTES = 4 * 1024 * 1024;
/**
 * Bytes one request may read before it answers `complete: false`: a few seconds of work, so a
 * 1 GiB file is searched in ~16 requests that each show progress and each can be cancelled.
 */
export const SEARCH_BUDGET_BYTES = 64 * 1024 * 1024;

/** The parsed query of `.../files/search`. */
export type SearchQuery = z.output<typeof FileSearchQuery>;

export interface SearchLimits {
  chunkBytes: number;
  budgetBytes: number;
}

/** Reads a stream to its end, or stops (and destroys it) when the signal fires. */
async function collect(stream: Readable, signal: AbortSignal): Promise<Uint8Array> {
  const onAbort = () => stream.destroy();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/**
 * Searches one file of any size with range reads of SEARCH_CHUNK_BYTES, at most
 * SEARCH_BUDGET_BYTES per request (byte-search.ts does the matching). When the client goes away
 * mid-search the reads stop: nothing is read from Batch for an answer nobody waits for.
 */
export async function serveFileSearch(source: FileSource, q: SearchQuery, res: Response, limits: SearchLimits = { chunkBytes: SEARCH_CHUNK_BYTES, budgetBytes: SEARCH_BUDGET_BYTES }): Promise<FileSearchResult | undefined> {
  const abort = new AbortController();
  // `res` closes when the answer is sent or the connection drops; only the latter is a disconnect.
  // (`req` "close" fires once the request is read, which for a GET is at once.)
  const onClose = () => {
    if (!res.writableFinished) abort.abort(new Error("the client closed the connection"));
  };
  res.on("close", onClose);
  try {
    const props = await source.properties(q.path);
    if (props.isDirectory) throw notAFile();
    const size = props.size;
    const result = await searchBytes({
      needle: needleOf(q.q, q.caseSensitive),
      ignoreCase: !q.caseSensitive,
      size,
      from: q.from ?? (q.direction === "forward" ? 0 : size),
      direction: q.direction,
      chunkBytes: limits.chunkBytes,
      budgetBytes: limits.budgetBytes,
      signal: abort.signal,
      read: async (start, end) => collect((await source.read(q.path, { start, end: end - 1 })).stream, abort.signal),
    });
    res.setHeader("cache-control", "no-store");
    return { ...result, size };
  } catch (err) {
    if (abort.signal.aborted) return undefined; // nobody is listening for the answer
    throw err;
  } finally {
    res.off("close", onClose);
  }
}
