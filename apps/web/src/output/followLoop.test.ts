import { describe, expect, it } from "vitest";
import { FOLLOW_ATTEMPTS, runFollowLoop, type FollowLoop } from "./followLoop";

const sse = (...events: string[]) =>
  new Response(events.join(""), { headers: { "content-type": "text/event-stream" } });
const data = (offset: number, text: string) =>
  `event: data\nid: ${offset + text.length}\ndata: ${JSON.stringify({ offset, length: text.length, encoding: "utf8", data: text })}\n\n`;
const end = (size: number, exitCode = 0) =>
  `event: end\ndata: ${JSON.stringify({ reason: "completed", size, exitCode })}\n\n`;
const status = (size: number) => `event: status\ndata: ${JSON.stringify({ size, taskState: "running" })}\n\n`;

/** A loop over scripted answers (one per connect), recording what it was told. */
function scripted(answers: (() => Response)[], start = "") {
  let held = start;
  const log: string[] = [];
  const controller = new AbortController();
  const loop: FollowLoop = {
    connect: async (from) => {
      log.push(`connect ${from}`);
      const next = answers.shift();
      if (!next) throw new Error("no more answers");
      return next();
    },
    end: () => held.length,
    signal: controller.signal,
    onBytes: (bytes) => void (held += new TextDecoder().decode(bytes)),
    onStatus: (s) => log.push(`status ${s.size}`),
    onEnd: (e) => log.push(`end ${e.size} exit ${e.exitCode}`),
    onGiveUp: (reason) => log.push(`give up: ${reason}`),
    wait: async (ms) => void log.push(`wait ${ms}`),
  };
  return { loop, log, held: () => held, controller };
}

describe("runFollowLoop", () => {
  it("appends data, reports status, and returns at the end event", async () => {
    const s = scripted([() => sse(data(6, "second\n"), status(13), end(13, 3))], "first\n");
    await runFollowLoop(s.loop);
    expect(s.held()).toBe("first\nsecond\n");
    expect(s.log).toEqual(["connect 6", "status 13", "end 13 exit 3"]);
  });

  it("reopens a stream that closed without end from where the held bytes end, skipping bytes it already has", async () => {
    const s = scripted([() => sse(data(0, "ab")), () => sse(data(1, "bcd"), data(4, "e"), end(5))]);
    await runFollowLoop(s.loop);
    expect(s.held()).toBe("abcde");
    expect(s.log).toEqual(["connect 0", "connect 2", "end 5 exit 0"]);
  });

  it("ignores a chunk that starts past the held bytes (a gap) rather than leave a hole", async () => {
    const s = scripted([() => sse(data(5, "late"), end(9))], "ab");
    await runFollowLoop(s.loop);
    expect(s.held()).toBe("ab");
  });

  it("waits longer after each failure in a row and gives up after the last attempt, saying why", async () => {
    const s = scripted([]);
    await runFollowLoop(s.loop);
    const waits = s.log.filter((l) => l.startsWith("wait"));
    expect(waits).toEqual(Array.from({ length: FOLLOW_ATTEMPTS - 1 }, (_, i) => `wait ${1000 * (i + 1)}`));
    expect(s.log.filter((l) => l.startsWith("connect"))).toHaveLength(FOLLOW_ATTEMPTS);
    expect(s.log.at(-1)).toBe("give up: no more answers");
  });

  it("counts failures only in a row: a stream that worked resets the count", async () => {
    const fail = () => {
      throw new Error("reset by peer");
    };
    const s = scripted([fail, fail, () => sse(data(0, "x")), fail, () => sse(end(1))]);
    await runFollowLoop(s.loop);
    expect(s.log.filter((l) => l.startsWith("wait"))).toEqual(["wait 1000", "wait 2000", "wait 1000"]);
    expect(s.log.at(-1)).toBe("end 1 exit 0");
  });

  it("stops without a word when aborted, even in the middle of a stream", async () => {
    let push!: (t: string) => void;
    const encoder = new TextEncoder();
    const s = scripted([]);
    const running = runFollowLoop({
      ...s.loop,
      // As a real fetch does, an abort errors the body being read.
      connect: async (from, signal) => {
        s.log.push(`connect ${from}`);
        const body = new ReadableStream<Uint8Array>({
          start(c) {
            push = (t) => c.enqueue(encoder.encode(t));
            signal.addEventListener("abort", () => c.error(new DOMException("aborted", "AbortError")));
          },
        });
        return new Response(body);
      },
    });
    await new Promise((r) => setTimeout(r, 0));
    push(data(0, "one\n"));
    await new Promise((r) => setTimeout(r, 0));
    s.controller.abort();
    await running;
    expect(s.held()).toBe("one\n");
    expect(s.log).toEqual(["connect 0"]);
  });
});
