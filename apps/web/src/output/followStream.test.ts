import { describe, expect, it } from "vitest";
import { chunkBytes, readFollowStream, type FollowEvent } from "./followStream";

const streamOf = (pieces: Uint8Array[]) =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of pieces) c.enqueue(p);
        c.close();
      },
    }),
  );

describe("readFollowStream", () => {
  it("parses data, status and end events even when a UTF-8 character is split between reads", async () => {
    const chunk = { offset: 0, length: 6, encoding: "utf8", data: "héllo\n" };
    const text = `event: data\nid: 6\ndata: ${JSON.stringify(chunk)}\n\nevent: status\ndata: {"size":6}\n\nevent: end\ndata: {"reason":"completed","size":6,"exitCode":0}\n\n`;
    const bytes = new TextEncoder().encode(text);
    const split = text.indexOf("é") + 1; // byte index inside "é" (é is 2 bytes; one ASCII char before it in bytes = index)
    const cut = new TextEncoder().encode(text.slice(0, split - 1)).length + 1;
    const events: FollowEvent[] = [];
    await readFollowStream(streamOf([bytes.subarray(0, cut), bytes.subarray(cut)]), (e) => events.push(e));
    expect(events.map((e) => e.type)).toEqual(["data", "status", "end"]);
    const data = events[0] as Extract<FollowEvent, { type: "data" }>;
    expect(new TextDecoder().decode(data.bytes)).toBe("héllo\n");
    expect((events[2] as Extract<FollowEvent, { type: "end" }>).end.exitCode).toBe(0);
  });

  it("decodes base64 chunks", () => {
    expect(Array.from(chunkBytes({ offset: 0, length: 2, encoding: "base64", data: btoa("\u00ff\u0000") }))).toEqual([255, 0]);
  });
});
