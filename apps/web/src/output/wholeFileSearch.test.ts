import { describe, expect, it } from "vitest";
import { findMatches } from "./ansiLines";
import { searchAnswer } from "./fakeContentRoute";
import { OutputBuffer } from "./outputBuffer";
import { taskFileSource } from "./outputSource";
import { matchIndexAt, searchSegments, segmentsFor } from "./wholeFileSearch";
import { fakeApi } from "../test/fakeApi";

const SEARCH = "/api/accounts/acct/jobs/job/tasks/t1/files/search";
const source = taskFileSource("acct", "job", "t1", "stdout.txt");
const encode = (s: string) => new TextEncoder().encode(s);

describe("segmentsFor", () => {
  const loaded = { start: 1000, end: 2000, size: 5000 };

  it("goes on to the file's end, then wraps from its start back to the window", () => {
    expect(segmentsFor("forward", loaded, 5)).toEqual([
      { direction: "forward", from: 1996 },
      { direction: "forward", from: 0, limit: 1000 },
    ]);
  });

  it("goes back to the file's start, then wraps from its end back to the window", () => {
    expect(segmentsFor("backward", loaded, 5)).toEqual([
      { direction: "backward", from: 1000 },
      { direction: "backward", from: 5000, limit: 1996 },
    ]);
  });

  it("leaves out the side that is loaded", () => {
    expect(segmentsFor("forward", { start: 0, end: 2000, size: 5000 }, 1)).toEqual([{ direction: "forward", from: 2000 }]);
    expect(segmentsFor("forward", { start: 1000, end: 5000, size: 5000 }, 1)).toEqual([{ direction: "forward", from: 0, limit: 1000 }]);
    expect(segmentsFor("backward", { start: 0, end: 5000, size: 5000 }, 3)).toEqual([]);
  });
});

describe("searchSegments", () => {
  /** "x" filler of 10,000 bytes with "hit" at the given offsets; the fake looks at 1,000 starts a request. */
  const fileWith = (...offsets: number[]) => {
    const bytes = encode("x".repeat(10_000));
    for (const o of offsets) bytes.set(encode("hit"), o);
    return bytes;
  };
  const run = (file: Uint8Array, segments: Parameters<typeof segmentsFor>, log: string[] = [], progress: number[] = []) => {
    const api = fakeApi({
      [`GET ${SEARCH}`]: ({ url }) => {
        log.push(`${url.searchParams.get("direction")} ${url.searchParams.get("from")}`);
        return searchAnswer(file, url, 1000);
      },
    });
    return searchSegments(api, source, "HIT", segmentsFor(...segments), { size: file.length, signal: new AbortController().signal, onProgress: (n) => progress.push(n) });
  };

  it("continues request after request until the match, reporting the bytes covered", async () => {
    const log: string[] = [];
    const progress: number[] = [];
    expect(await run(fileWith(4500), ["forward", { start: 0, end: 2000, size: 10_000 }, 3], log, progress)).toEqual({ offset: 4500, length: 3 });
    expect(log).toEqual(["forward 1998", "forward 2998", "forward 3998"]);
    expect(progress).toEqual([1000, 2000]);
  });

  it("wraps around, and stops at the window: a match inside it is not one from outside", async () => {
    const log: string[] = [];
    const progress: number[] = [];
    // The only match is in the loaded window [3000, 6000).
    expect(await run(fileWith(4000), ["forward", { start: 3000, end: 6000, size: 10_000 }, 3], log, progress)).toBeUndefined();
    expect(log).toEqual(["forward 5998", "forward 6998", "forward 7998", "forward 8998", "forward 0", "forward 1000", "forward 2000"]);
    expect(progress.at(-1)).toBe(4002 + 3000);
    // Before the window, wrapped around: found.
    expect(await run(fileWith(4000, 100), ["forward", { start: 3000, end: 6000, size: 10_000 }, 3])).toEqual({ offset: 100, length: 3 });
  });

  it("searches backward for the nearest match before the window, and wraps from the end", async () => {
    expect(await run(fileWith(100, 2500, 8000), ["backward", { start: 3000, end: 6000, size: 10_000 }, 3])).toEqual({ offset: 2500, length: 3 });
    expect(await run(fileWith(8000, 9000), ["backward", { start: 3000, end: 6000, size: 10_000 }, 3])).toEqual({ offset: 9000, length: 3 });
    // A match straddling the window's end was not seen in the loaded lines: it is found.
    expect(await run(fileWith(5999), ["backward", { start: 3000, end: 6000, size: 10_000 }, 3])).toEqual({ offset: 5999, length: 3 });
  });
});

describe("matchIndexAt", () => {
  it("picks the loaded match at a byte offset, after multi-byte characters and colour codes", () => {
    const text = "ok\n\u001b[31mÉrror\u001b[0m: error, ERROR\nerror\n";
    const buffer = new OutputBuffer(100, encode(text));
    const lines = buffer.view();
    const plain = ["ok", "Érror: error, ERROR", "error"];
    const matches = findMatches(plain, "error");
    expect(matches.map((m) => m.line)).toEqual([1, 1, 2]);
    const line1 = 100 + encode("ok\n").length;
    const second = line1 + encode("\u001b[31mÉrror\u001b[0m: error, ").length;
    expect(matchIndexAt(lines, matches, second, "error", buffer.end)).toBe(1);
    expect(matchIndexAt(lines, matches, line1 + encode("\u001b[31mÉrror\u001b[0m: ").length, "error", buffer.end)).toBe(0);
    expect(matchIndexAt(lines, matches, 100 + encode(text).length - 6, "error", buffer.end)).toBe(2);
    // Not loaded (yet): before the window, or at/after its end.
    expect(matchIndexAt(lines, matches, 50, "error", buffer.end)).toBe(-1);
    expect(matchIndexAt(lines, matches, buffer.end, "error", buffer.end)).toBe(-1);
  });
});
