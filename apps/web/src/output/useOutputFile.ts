import { fileHeaders } from "@batch-studio/shared";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiClient } from "../auth/apiClient";
import { isApiError } from "../auth/apiError";
import { readFollowStream } from "./followStream";
import { completionMessage } from "./completion";
import { OutputBuffer } from "./outputBuffer";
import { windowBefore, type OutputSource, WINDOW_BYTES } from "./outputSource";

export interface OutputFileState {
  buffer: OutputBuffer | undefined;
  /** Bumped on every change of the buffer (it is mutated in place to avoid copying lines). */
  version: number;
  /** The file's size as last reported. */
  size: number | undefined;
  loading: boolean;
  error: unknown;
  following: boolean;
  /** Why following stopped (task completed with exit code…), or the task's own completion line, whichever came first. */
  ended?: string;
  loadEarlier(): Promise<void>;
  loadLater(): Promise<void>;
}

async function readRange(api: ApiClient, source: OutputSource, start: number, end: number, signal?: AbortSignal) {
  const res = await api.raw(source.content(start, end), { signal });
  const size = Number(res.headers.get(fileHeaders.totalSize) ?? NaN);
  return { bytes: new Uint8Array(await res.arrayBuffer()), size: Number.isFinite(size) ? size : undefined };
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
 * One output file, windowed: opens at the tail (or at the start when a `#line-N` link needs line
 * numbers), loads earlier/later windows on demand, and follows the live stream while the task
 * runs. Only loaded windows are kept; the file itself can be any size.
 */
export function useOutputFile(
  api: ApiClient,
  source: OutputSource,
  opts: { follow: boolean; fromStart: boolean; /** The completion line from the task's state, once it is completed. */ completed?: string },
): OutputFileState {
  const bufferRef = useRef<OutputBuffer | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const [size, setSize] = useState<number | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [following, setFollowing] = useState(false);
  const [ended, setEnded] = useState<string | undefined>();
  const bump = () => setVersion((v) => v + 1);
  const follow = useLatch(opts.follow);

  // Open: learn the size from a one-byte read, then read the first or last window.
  useEffect(() => {
    const controller = new AbortController();
    bufferRef.current = undefined;
    setLoading(true);
    setError(undefined);
    setEnded(undefined);
    (async () => {
      try {
        let total: number | undefined;
        try {
          total = (await readRange(api, source, 0, 0, controller.signal)).size;
        } catch (e) {
          if (isApiError(e) && e.status === 416) total = 0;
          else throw e;
        }
        total ??= 0;
        setSize(total);
        if (total === 0) {
          bufferRef.current = new OutputBuffer(0);
        } else {
          const start = opts.fromStart ? 0 : Math.max(0, total - WINDOW_BYTES);
          const end = opts.fromStart ? Math.min(total, WINDOW_BYTES) - 1 : total - 1;
          const { bytes } = await readRange(api, source, start, end, controller.signal);
          bufferRef.current = new OutputBuffer(start, bytes);
        }
        bump();
      } catch (e) {
        if (!controller.signal.aborted) setError(e);
      } finally {
        if (!controller.signal.aborted) setLoading(false);
      }
    })();
    return () => controller.abort();
  }, [api, source, opts.fromStart]);

  // Follow: stream new bytes from where the loaded window ends, until the task completes.
  const opened = !loading && !error && bufferRef.current !== undefined;
  useEffect(() => {
    if (!follow || !opened) return;
    const buffer = bufferRef.current!;
    const controller = new AbortController();
    let attempts = 0;
    setFollowing(true);
    (async () => {
      while (!controller.signal.aborted && attempts < 5) {
        try {
          const res = await api.raw(source.follow(buffer.end), { signal: controller.signal, headers: { accept: "text/event-stream" } });
          let done = false;
          await readFollowStream(res, (ev) => {
            if (ev.type === "data") {
              const { offset } = ev.chunk;
              // Skip bytes we already have; a gap cannot happen because we always ask from buffer.end.
              const skip = buffer.end - offset;
              if (skip < ev.bytes.length && skip >= 0) {
                buffer.append(ev.bytes.subarray(skip));
                setSize((s) => Math.max(s ?? 0, buffer.end));
                bump();
              }
            } else if (ev.type === "status") {
              setSize(ev.status.size);
            } else {
              done = true;
              setSize(ev.end.size);
              setEnded(ev.end.reason === "completed" ? completionMessage(ev.end.exitCode) : ev.end.message ?? `Stopped following (${ev.end.reason}).`);
            }
          });
          if (done) break;
          attempts = 0;
        } catch (e) {
          if (controller.signal.aborted) break;
          attempts++;
          if (attempts >= 5) setEnded(`Following stopped: ${e instanceof Error ? e.message : String(e)}`);
          await new Promise((r) => setTimeout(r, 1000 * attempts));
        }
      }
      if (!controller.signal.aborted) setFollowing(false);
    })();
    return () => {
      controller.abort();
      setFollowing(false);
    };
  }, [api, source, follow, opened]);

  const loadEarlier = useCallback(async () => {
    const buffer = bufferRef.current;
    const range = buffer && windowBefore(buffer.start);
    if (!buffer || !range) return;
    try {
      const { bytes } = await readRange(api, source, range.start, range.end);
      buffer.prepend(bytes);
      bump();
    } catch (e) {
      setError(e);
    }
  }, [api, source]);

  const loadLater = useCallback(async () => {
    const buffer = bufferRef.current;
    if (!buffer || size === undefined || buffer.end >= size) return;
    try {
      const { bytes } = await readRange(api, source, buffer.end, Math.min(size, buffer.end + WINDOW_BYTES) - 1);
      buffer.append(bytes);
      bump();
    } catch (e) {
      setError(e);
    }
  }, [api, source, size]);

  return { buffer: bufferRef.current, version, size, loading, error, following, ended: ended ?? opts.completed, loadEarlier, loadLater };
}
