import { z } from "zod";

/** Longest file path the file routes take (Batch's own paths are far shorter). */
export const MAX_FILE_PATH_CHARS = 1024;

/**
 * Why a task- or node-relative file path is refused, or undefined when it is well-formed:
 * relative, "/"-separated, normalised (no empty, "." or ".." segments), no NUL or other control
 * characters. Batch refuses climbing out of the task's or node's folder too; checking here means
 * no request can even ask, and what is logged is exactly what is read.
 */
export const filePathProblem = (p: string): string | undefined => {
  if (p.length > MAX_FILE_PATH_CHARS) return `path cannot be longer than ${MAX_FILE_PATH_CHARS} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(p)) return "path cannot contain NUL or other control characters";
  if (p.includes("\\")) return "path separates folders with '/', not '\\'";
  if (p.startsWith("/")) return "path must be relative to the task's or node's folder (no leading '/')";
  const segments = p.split("/");
  if (segments.includes("..")) return "path cannot contain '..' segments";
  if (segments.includes(".")) return "path cannot contain '.' segments";
  if (segments.includes("")) return "path cannot contain empty segments ('//' or a trailing '/')";
  return undefined;
};

const filePath = () =>
  z
    .string({ error: "path is required" })
    .min(1, "path is required")
    .superRefine((p, ctx) => {
      const problem = filePathProblem(p);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

export const NodeFile = z.object({
  /** Task- or node-relative path, e.g. "stdout.txt", "wd/out/result.csv". */
  name: z.string(),
  isDirectory: z.boolean(),
  size: z.number().optional(),
  lastModified: z.string().optional(),
  creationTime: z.string().optional(),
  contentType: z.string().optional(),
});
export type NodeFile = z.infer<typeof NodeFile>;

export const FileListQuery = z.object({
  /** List only under this folder (e.g. "wd"); absent = everything, recursively. */
  path: filePath().optional(),
});

const offset = (what: string) =>
  z.coerce.number({ error: `${what} must be a byte offset` }).int(`${what} must be a whole number`).min(0, `${what} cannot be negative`);

/** Largest `tail` one content read may ask for: a viewer wants a window, not a download. */
export const MAX_TAIL_BYTES = 16 * 1024 * 1024;

const tailBytes = () =>
  z.coerce
    .number({ error: "tail must be a number of bytes" })
    .int("tail must be a whole number of bytes")
    .min(1, "tail must be at least 1 byte")
    .max(MAX_TAIL_BYTES, `tail cannot be more than ${MAX_TAIL_BYTES} bytes (16 MiB)`);

/**
 * `start`/`end` are inclusive byte offsets (like HTTP ranges); omit both for the whole file.
 * `tail` instead asks for the last `tail` bytes (the whole file if it is smaller), resolved by the
 * BFF against the file's size, so a viewer opens at the end in one round trip without knowing it.
 */
export const FileContentQuery = z
  .object({
    path: filePath(),
    start: offset("start").optional(),
    end: offset("end").optional(),
    tail: tailBytes().optional(),
  })
  .refine((q) => q.start === undefined || q.end === undefined || q.start <= q.end, {
    message: "start must not be after end",
    path: ["start"],
  })
  .superRefine((q, ctx) => {
    if (q.tail === undefined) return;
    const others = [q.start !== undefined && "start", q.end !== undefined && "end"].filter(Boolean).join(" and ");
    if (others) ctx.addIssue({ code: "custom", path: ["tail"], message: `tail cannot be combined with ${others}: it reads the file's last bytes` });
  });
export type FileContentQuery = z.input<typeof FileContentQuery>;

export const FileFollowQuery = z.object({
  path: filePath(),
  /** Byte offset to start from; the `Last-Event-ID` header (an offset) wins when reconnecting. */
  from: offset("from").default(0),
});
export type FileFollowQuery = z.input<typeof FileFollowQuery>;

export const FileDownloadQuery = z.object({
  path: filePath(),
});

/** Longest search text `.../files/search` takes: a needle, not a document. */
export const MAX_SEARCH_QUERY_CHARS = 256;

/**
 * `.../files/search`: the first match of `q` starting at or after `from` (forward), or the last
 * one starting before `from` (backward), found by the BFF on the file's bytes. Absent `from` is
 * the file's start (forward) or end (backward). `caseSensitive=false` folds ASCII letters only.
 */
export const FileSearchQuery = z.object({
  path: filePath(),
  q: z
    .string({ error: "q is required" })
    .min(1, "q cannot be empty")
    .max(MAX_SEARCH_QUERY_CHARS, `q cannot be longer than ${MAX_SEARCH_QUERY_CHARS} characters`),
  from: offset("from").optional(),
  direction: z.enum(["forward", "backward"], { error: "direction must be forward or backward" }).default("forward"),
  caseSensitive: z
    .enum(["true", "false"], { error: "caseSensitive must be true or false" })
    .default("false")
    .transform((v) => v === "true"),
});
export type FileSearchQuery = z.input<typeof FileSearchQuery>;
export type FileSearchDirection = "forward" | "backward";

/**
 * Answer of `.../files/search`. Every match starting in [scannedFrom, scannedTo) was considered.
 * `complete: false` means the request's scan budget ran out first: ask again from `scannedTo`
 * (forward) or `scannedFrom` (backward). A file that grows while searched is searched up to
 * `size`, its size when this request began.
 */
export const FileSearchResult = z.object({
  match: z.object({ offset: z.number().int().min(0), length: z.number().int().min(1) }).nullable(),
  scannedFrom: z.number().int().min(0),
  scannedTo: z.number().int().min(0),
  size: z.number().int().min(0),
  complete: z.boolean(),
});
export type FileSearchResult = z.infer<typeof FileSearchResult>;

/** A download ticket: 256 random bits, base64url (43 characters). */
export const DOWNLOAD_TICKET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const FileTicketDownloadQuery = z.object({
  path: filePath(),
  ticket: z.string({ error: "ticket is required" }).regex(DOWNLOAD_TICKET_PATTERN, "ticket is not a download ticket"),
});

/** Answer of `.../files/download-ticket`: a same-origin link that works once, until `expiresAt`. */
export const DownloadTicket = z.object({
  /** Relative URL of `.../files/ticket-download?path=…&ticket=…`; navigate to it (no Authorization header needed). */
  url: z.string(),
  expiresAt: z.string(),
});
export type DownloadTicket = z.infer<typeof DownloadTicket>;


/**
 * Server-Sent Events of `.../files/follow`. Each `data` event's SSE id is the byte offset after
 * it, so EventSource reconnects (Last-Event-ID) resume without gaps or repeats.
 */
export const FollowChunk = z.object({
  /** Byte offset of the first byte of `data` in the file. */
  offset: z.number(),
  /** Number of bytes in this chunk. */
  length: z.number(),
  /** "utf8" when the bytes are valid UTF-8 text, else "base64". */
  encoding: z.enum(["utf8", "base64"]),
  data: z.string(),
});
export type FollowChunk = z.infer<typeof FollowChunk>;

/** Sent every few seconds while following, so the UI can show the task's state and size. */
export const FollowStatus = z.object({ size: z.number(), taskState: z.string().optional() });
export type FollowStatus = z.infer<typeof FollowStatus>;

/** The last event: the task completed (all bytes sent), or the file/task disappeared. */
export const FollowEnd = z.object({
  reason: z.enum(["completed", "notFound", "error"]),
  size: z.number(),
  taskState: z.string().optional(),
  exitCode: z.number().optional(),
  message: z.string().optional(),
});
export type FollowEnd = z.infer<typeof FollowEnd>;

export { fileHeaders, followEventNames } from "./wire";
