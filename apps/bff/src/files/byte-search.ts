/**
 * Finding a needle in a file of any size by reading it in chunks: the planning and matching
 * without I/O (a `read` function is handed in), so every edge can be tested on small buffers.
 *
 * Matches are searched on bytes: the needle is the UTF-8 encoding of the text, and a file that is
 * not UTF-8 is searched all the same. Consecutive chunks overlap by needle length − 1 bytes, so a
 * match cut by a chunk border is whole in the later (forward) or earlier (backward) chunk.
 */

export type SearchDirection = "forward" | "backward";

export interface ByteSearchRequest {
  /** The needle's bytes, already folded when the search ignores case (see `needleOf`). */
  needle: Uint8Array;
  ignoreCase: boolean;
  /** File size to search up to (the size when the search began: a growing file is searched that far). */
  size: number;
  /** Forward: matches starting at or after this. Backward: matches starting before this. */
  from: number;
  direction: SearchDirection;
  /** Bytes per read (before the overlap). */
  chunkBytes: number;
  /** Bytes one search may read before it stops and says where it got to. */
  budgetBytes: number;
  /** Reads [start, end) of the file; may answer fewer bytes if the file shrank. */
  read(start: number, end: number): Promise<Uint8Array>;
  /** Checked before each read: the client went away, so stop reading the file. */
  signal?: AbortSignal;
}

export interface ByteSearchResult {
  match: { offset: number; length: number } | null;
  /** Every match starting in [scannedFrom, scannedTo) was considered. */
  scannedFrom: number;
  scannedTo: number;
  /** False when the budget ran out before a match or the file's edge: continue from where it stopped. */
  complete: boolean;
}

/**
 * ASCII case folding: A–Z become a–z and every other byte stays. Non-ASCII letters (É, ß, Ж) are
 * matched exactly: folding them would need decoding, and their lower-case forms can differ in
 * byte length, which would break offsets into the file. Bytes ≥ 0x80 are never touched, so UTF-8
 * sequences stay intact.
 */
const FOLD = Uint8Array.from({ length: 256 }, (_, b) => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b));

export function foldAscii(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = FOLD[bytes[i]!]!;
  return out;
}

/** The bytes to look for: UTF-8 of the text, ASCII-folded when case is ignored. */
export function needleOf(text: string, caseSensitive: boolean): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  return caseSensitive ? bytes : foldAscii(bytes);
}

const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length);

/**
 * A pattern matching the (folded) needle with either case of each ASCII letter, to run over bytes
 * as a latin1 string (one character per byte, so indexes are byte offsets). Several times faster
 * than folding every byte of a chunk in JavaScript first; only ASCII letters get two cases.
 */
function caselessPattern(needle: Uint8Array): RegExp {
  const parts = Array.from(needle, (b) =>
    b >= 0x61 && b <= 0x7a ? `[${String.fromCharCode(b)}${String.fromCharCode(b - 0x20)}]` : `\\x${b.toString(16).padStart(2, "0")}`,
  );
  return new RegExp(parts.join(""), "g");
}

/** Index of the first (or last) occurrence of `needle` in `hay`, or -1. Buffer's search is native and fast. */
function find(hay: Uint8Array, needle: Uint8Array, ignoreCase: boolean, last: boolean): number {
  if (!ignoreCase) return last ? asBuffer(hay).lastIndexOf(asBuffer(needle)) : asBuffer(hay).indexOf(asBuffer(needle));
  const text = asBuffer(hay).toString("latin1");
  const pattern = caselessPattern(needle);
  let found = -1;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (!last) return m.index;
    found = m.index;
    pattern.lastIndex = m.index + 1; // overlapping occurrences: the last may start inside the one before
  }
  return found;
}

const abortIfGone = (signal: AbortSignal | undefined) => {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error("search aborted");
};

async function forward(r: ByteSearchRequest): Promise<ByteSearchResult> {
  const n = r.needle.length;
  const from = Math.min(r.from, r.size);
  let pos = from; // every match starting before pos has been ruled out
  let read = 0;
  let size = r.size;
  while (pos + n <= size) {
    if (read >= r.budgetBytes) return { match: null, scannedFrom: from, scannedTo: pos, complete: false };
    abortIfGone(r.signal);
    const end = Math.min(size, pos + r.chunkBytes + n - 1);
    const bytes = await r.read(pos, end);
    read += bytes.length;
    const at = find(bytes, r.needle, r.ignoreCase, false);
    if (at >= 0) return { match: { offset: pos + at, length: n }, scannedFrom: from, scannedTo: pos + at + 1, complete: true };
    if (bytes.length < end - pos) size = pos + bytes.length; // the file shrank (rewritten): search what is there
    // The last n−1 bytes are read again with the next chunk: a match starting there may end beyond.
    pos = Math.max(pos + 1, pos + bytes.length - (n - 1));
  }
  return { match: null, scannedFrom: from, scannedTo: Math.max(from, r.size), complete: true };
}

async function backward(r: ByteSearchRequest): Promise<ByteSearchResult> {
  const n = r.needle.length;
  const to = Math.min(r.from, r.size);
  let hi = to; // every match starting at or after hi (and before `to`) has been ruled out
  let read = 0;
  while (hi > 0) {
    if (read >= r.budgetBytes) return { match: null, scannedFrom: hi, scannedTo: to, complete: false };
    abortIfGone(r.signal);
    const start = Math.max(0, hi - r.chunkBytes);
    // Starts in [start, hi) are checked; a match starting just before hi ends up to n−1 bytes after it.
    const end = Math.min(r.size, hi + n - 1);
    const bytes = await r.read(start, end);
    read += bytes.length;
    // The last occurrence starts at most at end − n ≤ hi − 1: before hi, as asked.
    const at = find(bytes, r.needle, r.ignoreCase, true);
    if (at >= 0) return { match: { offset: start + at, length: n }, scannedFrom: start + at, scannedTo: to, complete: true };
    hi = start;
  }
  return { match: null, scannedFrom: 0, scannedTo: to, complete: true };
}

/**
 * Forward: the first match starting at or after `from`. Backward: the last match starting before
 * `from` (it may end after it). Stops after `budgetBytes` read without a match (complete: false).
 */
export function searchBytes(r: ByteSearchRequest): Promise<ByteSearchResult> {
  if (r.needle.length === 0) throw new Error("the needle must not be empty");
  if (r.chunkBytes < 1) throw new Error("chunkBytes must be at least 1");
  return r.direction === "forward" ? forward(r) : backward(r);
}
