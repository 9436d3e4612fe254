import type { FollowEnd, FollowStatus } from "@batch-studio/shared";
import { readFollowStream } from "./followStream";

/** Connection attempts in a row that may fail before following gives up. */
export const FOLLOW_ATTEMPTS = 5;

export interface FollowLoop {
  /** Opens the stream from a byte offset (the BFF's follow route). */
  connect(from: number, signal: AbortSignal): Promise<Response>;
  /** Where the bytes already held end: each (re)connect resumes there, and bytes before it are skipped. */
  end(): number;
  signal: AbortSignal;
  /** New bytes, starting exactly at `end()`. */
  onBytes(bytes: Uint8Array): void;
  onStatus?(status: FollowStatus): void;
  /** The stream's last event: the loop returns after it. */
  onEnd(end: FollowEnd): void;
  /** Every attempt failed: why, in words. */
  onGiveUp(reason: string): void;
  /** Backoff between attempts (injected so tests need no clock). */
  wait?(ms: number, signal: AbortSignal): Promise<void>;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Follows a growing file until its stream says `end`, the signal aborts, or it fails
 * FOLLOW_ATTEMPTS times in a row. A stream that closes without `end` (a proxy's idle timeout, a
 * BFF restart) is reopened from where the held bytes end, so nothing is lost or repeated; the
 * n-th failure in a row waits n seconds first. Plain async code: no React, tested on its own.
 */
export async function runFollowLoop(loop: FollowLoop): Promise<void> {
  const { signal } = loop;
  const wait = loop.wait ?? sleep;
  let failures = 0;
  while (!signal.aborted) {
    let ended = false;
    try {
      const response = await loop.connect(loop.end(), signal);
      await readFollowStream(response, (ev) => {
        if (signal.aborted || ended) return;
        if (ev.type === "data") {
          // A chunk may overlap what is held (a resumed stream): only the bytes past end() are new.
          const skip = loop.end() - ev.chunk.offset;
          if (skip >= 0 && skip < ev.bytes.length) loop.onBytes(skip ? ev.bytes.subarray(skip) : ev.bytes);
        } else if (ev.type === "status") loop.onStatus?.(ev.status);
        else {
          ended = true;
          loop.onEnd(ev.end);
        }
      });
      if (ended) return;
      failures = 0;
    } catch (e) {
      if (signal.aborted) return;
      failures++;
      if (failures >= FOLLOW_ATTEMPTS) {
        loop.onGiveUp(e instanceof Error ? e.message : String(e));
        return;
      }
      await wait(1000 * failures, signal);
    }
  }
}
