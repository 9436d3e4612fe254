import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiClient } from "../auth/apiClient";
import type { SearchMatch } from "./ansiLines";
import { lineIndexOfByte, type OutputLine } from "./outputBuffer";
import type { OutputSource } from "./outputSource";

/**
 * Search beyond the loaded lines: the viewer keeps a few MiB of a file that may be 1 GiB, so
 * when "next" or "previous" runs out of loaded matches the BFF searches the rest of the file on
 * its bytes (`.../files/search`), a bounded amount per request, and the viewer jumps to what it
 * finds. Like a browser's find: past the file's end it wraps around to its start, and only when
 * the whole file has nothing does it say so.
 */

export type SearchDirection = "forward" | "backward";

/** The loaded window [start, end) of a file of `size` bytes. */
export interface LoadedWindow {
  start: number;
  end: number;
  size: number;
}

/**
 * One stretch of the file to search. Forward: matches from `from` on, before `limit`. Backward:
 * matches before `from`, at or after `limit`. No limit: to the file's edge.
 */
export interface SearchSegment {
  direction: SearchDirection;
  from: number;
  limit?: number;
}

export interface FoundMatch {
  offset: number;
  length: number;
}

/**
 * What is outside the loaded window, in the order a find goes: onward to the file's edge, then
 * wrapped around from the other edge back to the window. A match that starts in the window but
 * ends after it (needle bytes − 1 at most) was not seen in the loaded lines, so the forward search
 * starts that far back; one wholly inside the window was, and is not found again.
 */
export function segmentsFor(direction: SearchDirection, loaded: LoadedWindow, needleBytes: number): SearchSegment[] {
  const { start, end, size } = loaded;
  const afterWindow = Math.max(start, end - (needleBytes - 1));
  const out: SearchSegment[] = [];
  if (direction === "forward") {
    if (end < size) out.push({ direction, from: afterWindow });
    if (start > 0) out.push({ direction, from: 0, limit: start });
  } else {
    if (start > 0) out.push({ direction, from: start });
    if (end < size) out.push({ direction, from: size, limit: afterWindow });
  }
  return out;
}

/** Bytes a segment covers, for the progress line. */
export const segmentBytes = (s: SearchSegment, size: number): number =>
  Math.max(0, s.direction === "forward" ? (s.limit ?? size) - s.from : s.from - (s.limit ?? 0));

/**
 * Searches the segments in order with as many requests as the BFF's budget needs, reporting the
 * bytes covered so far. The first match inside a segment's limit wins; undefined when none has one.
 */
export async function searchSegments(
  api: ApiClient,
  source: OutputSource,
  q: string,
  segments: SearchSegment[],
  opts: { size: number; signal: AbortSignal; onProgress(scanned: number): void },
): Promise<FoundMatch | undefined> {
  let before = 0; // bytes of the segments already searched
  for (const segment of segments) {
    const { direction, limit } = segment;
    const whole = segmentBytes(segment, opts.size);
    let from = segment.from;
    for (;;) {
      const answer = await source.search(api, { q, from, direction }, opts.signal);
      if (answer.match) {
        const inside = limit === undefined || (direction === "forward" ? answer.match.offset < limit : answer.match.offset >= limit);
        if (inside) return answer.match;
        break; // the next match is back in (or past) the loaded window: this stretch has none
      }
      if (answer.complete) break;
      const next = direction === "forward" ? answer.scannedTo : answer.scannedFrom;
      if (next === from) break; // no progress (a sound server always makes some): never loop
      from = next;
      opts.onProgress(before + whole - segmentBytes({ ...segment, from }, opts.size));
      if (limit !== undefined && (direction === "forward" ? from >= limit : from <= limit)) break;
    }
    before += whole;
    opts.onProgress(before);
  }
  return undefined;
}

/** Bytes of a string in UTF-8. */
const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** The UTF-16 index in `text` of the character that starts `bytes` bytes into its UTF-8 form. */
function charIndexAtByte(text: string, bytes: number): number {
  let seen = 0;
  let i = 0;
  for (const ch of text) {
    if (seen >= bytes) return i;
    seen += utf8Length(ch);
    i += ch.length;
  }
  return i;
}

/**
 * Which of the loaded matches is the one the BFF found at byte `offset`, or -1 while its window
 * (lines up to byte `end`) is not loaded yet. Within its line, the loaded matches (on text
 * without colour codes) are counted like the occurrences before the offset in the raw line.
 */
export function matchIndexAt(lines: readonly OutputLine[], matches: readonly SearchMatch[], offset: number, query: string, end: number): number {
  if (offset >= end) return -1;
  const li = lineIndexOfByte(lines, offset);
  if (li < 0) return -1;
  const inLine = matches.flatMap((m, i) => (m.line === li ? [i] : []));
  if (inLine.length === 0) return -1;
  const line = lines[li]!;
  const raw = line.text.toLowerCase();
  const needle = query.toLowerCase();
  const until = charIndexAtByte(line.text, offset - line.at);
  let before = 0;
  for (let at = raw.indexOf(needle); at !== -1 && at < until; at = raw.indexOf(needle, at + needle.length)) before++;
  return inLine[Math.min(before, inLine.length - 1)]!;
}

export type WholeFileSearchState =
  | { status: "idle" }
  | { status: "searching"; direction: SearchDirection; scanned: number; total: number }
  | { status: "cancelled"; scanned: number; total: number }
  | { status: "notFound"; query: string; total: number }
  /** Nothing outside the loaded lines: the find went round to the first (or last) loaded match. */
  | { status: "wrapped"; direction: SearchDirection }
  | { status: "error"; error: unknown };

export interface WholeFileSearch {
  state: WholeFileSearchState;
  /**
   * Searches outside the loaded window. A match is handed to `onFound`; with none anywhere
   * outside, `onWrap` is called when the loaded lines have matches, else the state says so.
   */
  start(query: string, direction: SearchDirection, loaded: LoadedWindow, hasLoadedMatches: boolean): void;
  /** Stops a running search (and forgets any finished one's message). */
  cancel(): void;
  reset(): void;
}

/** The server search's state machine: one search at a time, a newer one (or a cancel) aborts the older. */
export function useWholeFileSearch(
  api: ApiClient,
  source: OutputSource,
  handlers: { onFound(match: FoundMatch): void; onWrap(direction: SearchDirection): void },
): WholeFileSearch {
  const [state, setState] = useState<WholeFileSearchState>({ status: "idle" });
  const running = useRef<AbortController | undefined>(undefined);
  const latest = useRef(handlers);
  latest.current = handlers;
  const progress = useRef({ scanned: 0, total: 0 });

  const stop = () => {
    running.current?.abort();
    running.current = undefined;
  };
  useEffect(() => stop, [source]);

  const start = useCallback(
    (query: string, direction: SearchDirection, loaded: LoadedWindow, hasLoadedMatches: boolean) => {
      stop();
      const segments = segmentsFor(direction, loaded, new TextEncoder().encode(query).length);
      const total = segments.reduce((sum, s) => sum + segmentBytes(s, loaded.size), 0);
      const controller = new AbortController();
      running.current = controller;
      progress.current = { scanned: 0, total };
      setState({ status: "searching", direction, scanned: 0, total });
      void (async () => {
        try {
          const found = await searchSegments(api, source, query, segments, {
            size: loaded.size,
            signal: controller.signal,
            onProgress: (scanned) => {
              if (controller.signal.aborted) return;
              progress.current = { scanned, total };
              setState({ status: "searching", direction, scanned, total });
            },
          });
          if (controller.signal.aborted) return;
          running.current = undefined;
          if (found) {
            setState({ status: "idle" });
            latest.current.onFound(found);
          } else if (hasLoadedMatches) {
            setState({ status: "wrapped", direction });
            latest.current.onWrap(direction);
          } else setState({ status: "notFound", query, total: loaded.size });
        } catch (error) {
          if (controller.signal.aborted) return;
          running.current = undefined;
          setState({ status: "error", error });
        }
      })();
    },
    [api, source],
  );

  const cancel = useCallback(() => {
    if (!running.current) return;
    stop();
    setState({ status: "cancelled", ...progress.current });
  }, []);

  const reset = useCallback(() => {
    stop();
    setState({ status: "idle" });
  }, []);

  return { state, start, cancel, reset };
}
