import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { ApiClient } from "../auth/apiClient";
import { isApiError } from "../auth/apiError";
import type { TaskFileObserver } from "../api/liveTask";
import { completionMessage } from "./completion";
import { runFollowLoop } from "./followLoop";
import { keepUnder, openFile, readRange, readWindow, type OpenAt } from "./openFile";
import { OutputBuffer } from "./outputBuffer";
import { MEMORY_BYTES, MEMORY_HARD_BYTES, windowBefore, type OutputSource, WINDOW_BYTES } from "./outputSource";

export type { OpenAt } from "./openFile";

export interface OutputFileState {
  buffer: OutputBuffer | undefined;
  /** Bumped on every change of the buffer (it is mutated in place to avoid copying lines). */
  version: number;
  /** The file's size as last reported. */
  size: number | undefined;
  loading: boolean;
  error: unknown;
  following: boolean;
  /** True while the loaded window reaches the end of the file (only then does it follow). */
  atEnd: boolean;
  /** Why following stopped (task completed with exit code…), or the task's own completion line, whichever came first. */
  ended?: string;
  /** Why a deep link could not be opened where it points. */
  notice?: string;
  /** The 404 of a file that does not exist (yet): the buffer is empty and following waits for it. */
  missing: unknown;
  loadEarlier(): Promise<void>;
  loadLater(): Promise<void>;
  /** Reopens at the tail (after reading far back, or at a deep link mid-file), or at a deep link's target. */
  reopen(at: OpenAt): void;
}

/**
 * True from the first render where `on` is true. The task page's poll may see "completed" before
 * the follow stream sends its `end` (and the last bytes): a follow that started must run until its
 * stream ends, not be torn down by that poll.
 */
function useLatch(on: boolean): boolean {
  const [latched, setLatched] = useState(on);
  if (on && !latched) setLatched(true);
  return latched || on;
}

/**
 * One output file, windowed: opens at the tail (or around a deep link's line or byte), loads
 * earlier/later windows on demand, and follows the live stream while the task runs and the tail
 * is loaded. Memory stays bounded: only a few MiB of windows are kept, the rest is read again by
 * byte range when wanted. The file itself can be any size.
 */
export function useOutputFile(
  api: ApiClient,
  source: OutputSource,
  opts: {
    follow: boolean;
    openAt: OpenAt;
    /** The file's size from the page's file listing, if it has one (it may lag a running task's). */
    sizeHint?: number;
    /** The completion line from the task's state, once it is completed. */
    completed?: string;
    /** Told what the viewer learns of the file and its task (a task file's: liveTask.ts writes it into the query cache). */
    observer?: TaskFileObserver;
    /** The byte offset the reader is looking at, or undefined while they are at the newest line (the live edge). */
    readingAt?: () => number | undefined;
  },
): OutputFileState {
  const bufferRef = useRef<OutputBuffer | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const [size, setSize] = useState<number | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [following, setFollowing] = useState(false);
  const [atEnd, setAtEnd] = useState(false);
  const [ended, setEnded] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [missing, setMissing] = useState<unknown>();
  const [openAt, setOpenAt] = useState<OpenAt>(opts.openAt);
  const readingAt = useRef(opts.readingAt);
  readingAt.current = opts.readingAt;
  const observer = useRef(opts.observer);
  observer.current = opts.observer;
  // Every size learned goes to the observer too, so the page's tabs show the very number the viewer does.
  const sizeRef = useRef<number | undefined>(undefined);
  const learnSize = useCallback((n: number) => {
    sizeRef.current = n;
    setSize(n);
    observer.current?.size(n);
  }, []);
  const bump = () => setVersion((v) => v + 1);
  const follow = useLatch(opts.follow);

  // The listing's size, when the page has one, saves the read that learns it; the latest size known here is newer.
  const sizeHint = useRef<number | undefined>(undefined);
  sizeHint.current = Math.max(size ?? 0, opts.sizeHint ?? 0) || undefined;

  // Open: read the window the reader wants to see (openFile.ts says in how few requests). A layout
  // effect, so the read starts as this mounts, not a frame later: it is the viewer's critical path.
  useLayoutEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    bufferRef.current = undefined;
    setLoading(true);
    setError(undefined);
    setMissing(undefined);
    setEnded(undefined);
    setNotice(undefined);
    (async () => {
      try {
        const opened = await openFile(api, source, openAt, { sizeHint: sizeHint.current, signal });
        if (signal.aborted) return;
        // All at once: one render shows the lines.
        bufferRef.current = opened.buffer;
        learnSize(opened.size);
        setNotice(opened.notice);
        setAtEnd(opened.buffer.end >= opened.size);
        bump();
      } catch (e) {
        if (signal.aborted) return;
        if (isApiError(e) && e.status === 404) {
          // Not written yet, or gone: a task that runs writes it soon (the stream waits for it), otherwise it is an error.
          bufferRef.current = new OutputBuffer(0);
          setAtEnd(true);
          setMissing(e);
          bump();
        } else setError(e);
      } finally {
        if (!signal.aborted) setLoading(false);
      }
    })();
    return () => controller.abort();
  }, [api, source, openAt]);

  // Follow: stream new bytes from where the loaded window ends, until the task completes.
  const opened = !loading && !error && bufferRef.current !== undefined;
  useEffect(() => {
    const followUrl = source.follow;
    if (!follow || !followUrl || !opened || !atEnd) return;
    const buffer = bufferRef.current!;
    const controller = new AbortController();
    setFollowing(true);
    const closed = observer.current?.opened();
    void runFollowLoop({
      signal: controller.signal,
      connect: (from, signal) => api.raw(followUrl(from), { signal, headers: { accept: "text/event-stream" } }),
      end: () => buffer.end,
      onBytes: (bytes) => {
        buffer.append(bytes);
        const reading = readingAt.current?.();
        if (reading === undefined) {
          // At the live edge the oldest windows go early.
          keepUnder(buffer, MEMORY_BYTES, "oldest");
        } else if (reading - buffer.start > buffer.end - reading) {
          // Reading in the newer half: past the hard limit the oldest go (the scroll anchor keeps the view still).
          keepUnder(buffer, MEMORY_HARD_BYTES, "oldest");
        } else if (keepUnder(buffer, MEMORY_HARD_BYTES, "newest")) {
          // Reading far back while the task writes on: pause here rather than drop what is read.
          // The tail is then one "Load more" or "Jump to end" away, and following resumes there.
          setAtEnd(false);
        }
        learnSize(Math.max(sizeRef.current ?? 0, buffer.end));
        setMissing(undefined); // written after all
        bump();
      },
      onStatus: (status) => {
        learnSize(status.size);
        observer.current?.state(status.taskState);
      },
      onEnd: (end) => {
        learnSize(end.size);
        if (end.reason === "completed") observer.current?.state(end.taskState ?? "completed", end.exitCode);
        setEnded(end.reason === "completed" ? completionMessage(end.exitCode) : (end.message ?? `Stopped following (${end.reason}).`));
      },
      onGiveUp: (reason) => setEnded(`Following stopped: ${reason}`),
    }).then(() => {
      closed?.();
      if (!controller.signal.aborted) setFollowing(false);
    });
    return () => {
      controller.abort();
      closed?.();
      setFollowing(false);
    };
  }, [api, source, follow, opened, atEnd]);

  const loadEarlier = useCallback(async () => {
    const buffer = bufferRef.current;
    const range = buffer && windowBefore(buffer.start);
    if (!buffer || !range) return;
    try {
      const read = await readWindow(api, source, range.start, range.end);
      if (bufferRef.current !== buffer) return;
      buffer.prepend(read.bytes);
      // Reading far back drops the newest windows; the live tail is then one "Jump to end" away.
      if (keepUnder(buffer, MEMORY_HARD_BYTES, "newest")) setAtEnd(false);
      bump();
    } catch (e) {
      setError(e);
    }
  }, [api, source]);

  const loadLater = useCallback(async () => {
    const buffer = bufferRef.current;
    if (!buffer || size === undefined || buffer.end >= size) return;
    try {
      const read = await readRange(api, source, buffer.end, Math.min(size, buffer.end + WINDOW_BYTES) - 1);
      if (bufferRef.current !== buffer) return;
      buffer.append(read.bytes);
      keepUnder(buffer, MEMORY_HARD_BYTES, "oldest");
      const total = Math.max(size, read.size ?? 0);
      learnSize(total);
      setAtEnd(buffer.end >= total);
      bump();
    } catch (e) {
      setError(e);
    }
  }, [api, source, size]);

  // A new object each time, so reopening where it already opened reads afresh.
  const reopen = useCallback((at: OpenAt) => setOpenAt({ ...at }), []);

  return { buffer: bufferRef.current, version, size, loading, error, following, atEnd, ended: ended ?? opts.completed, notice, missing, loadEarlier, loadLater, reopen };
}
