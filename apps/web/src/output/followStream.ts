import { followEventNames, type FollowChunk, type FollowEnd, type FollowStatus } from "@batch-studio/shared";
import { SseParser } from "./sse";

export type FollowEvent = { type: "data"; chunk: FollowChunk; bytes: Uint8Array } | { type: "status"; status: FollowStatus } | { type: "end"; end: FollowEnd };

/** The bytes of one follow chunk (text chunks are UTF-8; others arrive as base64). */
export function chunkBytes(chunk: FollowChunk): Uint8Array {
  if (chunk.encoding === "utf8") return new TextEncoder().encode(chunk.data);
  const bin = atob(chunk.data);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Reads the BFF's follow stream (Server-Sent Events over a fetch response, so the bearer token can
 * ride in a header) and calls `onEvent` per event. The decoder runs with stream: true so a UTF-8
 * character split between two network reads is not mangled. Resolves when the stream ends.
 */
export async function readFollowStream(response: Response, onEvent: (e: FollowEvent) => void): Promise<void> {
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder("utf-8");
  const parser = new SseParser();
  const dispatch = (text: string) => {
    for (const ev of parser.push(text)) {
      if (ev.event === followEventNames.data) {
        const chunk = JSON.parse(ev.data) as FollowChunk;
        onEvent({ type: "data", chunk, bytes: chunkBytes(chunk) });
      } else if (ev.event === followEventNames.status) onEvent({ type: "status", status: JSON.parse(ev.data) as FollowStatus });
      else if (ev.event === followEventNames.end) onEvent({ type: "end", end: JSON.parse(ev.data) as FollowEnd });
    }
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    dispatch(decoder.decode(value, { stream: true }));
  }
  dispatch(decoder.decode());
}
