/*
 * Wire names of the file routes that both ends spell: response headers and the follow stream's
 * event names. Plain constants in a module without zod, so the SPA's viewer can import them on its
 * open path (files.ts, which builds the routes' schemas, re-exports them for the BFF).
 */

/** Response headers of `.../files/content` (and HEAD-like facts of the whole file). */
export const fileHeaders = {
  /** The whole file's size in bytes, whatever range was read. */
  totalSize: "x-file-size",
  /** `bytes start-end/total` when a range was read (status 206). */
  contentRange: "content-range",
  lastModified: "last-modified",
} as const;

/** The SSE event names of `.../files/follow`: a chunk of bytes, a periodic status, the last event. */
export const followEventNames = { data: "data", status: "status", end: "end" } as const;
