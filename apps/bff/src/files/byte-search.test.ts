import { describe, expect, it } from "vitest";
import { foldAscii, needleOf, searchBytes, type ByteSearchRequest, type SearchDirection } from "./byte-search";

const bytes = (text: string) => new TextEncoder().encode(text);

/** An in-memory file whose reads are logged as [start, end). */
const fileOf = (content: Uint8Array | string) => {
  const data = typeof content === "string" ? bytes(content) : content;
  const reads: [number, number][] = [];
  return {
    data,
    reads,
    read: async (start: number, end: number) => {
      reads.push([start, end]);
      return data.subarray(start, end);
    },
  };
};

const search = (
  file: ReturnType<typeof fileOf>,
  text: string,
  opts: Partial<Omit<ByteSearchRequest, "needle" | "read">> & { caseSensitive?: boolean } = {},
) => {
  const { caseSensitive = true, ...rest } = opts;
  return searchBytes({
    needle: needleOf(text, caseSensitive),
    ignoreCase: !caseSensitive,
    size: file.data.length,
    from: 0,
    direction: "forward",
    chunkBytes: 4,
    budgetBytes: 1 << 20,
    read: file.read,
    ...rest,
  });
};

/** Every offset where `needle` starts in `hay`, the slow obvious way. */
const allOffsets = (hay: Uint8Array, needle: Uint8Array) => {
  const out: number[] = [];
  for (let i = 0; i + needle.length <= hay.length; i++) if (needle.every((b, j) => hay[i + j] === b)) out.push(i);
  return out;
};

describe("searchBytes", () => {
  it("finds a match cut by every possible chunk border", async () => {
    const text = "0123456789ERROR0123456789";
    for (let chunkBytes = 1; chunkBytes <= 12; chunkBytes++) {
      const file = fileOf(text);
      const found = await search(file, "ERROR", { chunkBytes });
      expect(found.match, `chunk ${chunkBytes}`).toEqual({ offset: 10, length: 5 });
      const back = await search(fileOf(text), "ERROR", { chunkBytes, direction: "backward", from: text.length });
      expect(back.match, `chunk ${chunkBytes} backward`).toEqual({ offset: 10, length: 5 });
    }
  });

  it("reads overlapping chunks: each next read starts needle length − 1 bytes before the previous end", async () => {
    const file = fileOf("a".repeat(20));
    await search(file, "xyz", { chunkBytes: 6 });
    expect(file.reads).toEqual([
      [0, 8],
      [6, 14],
      [12, 20],
    ]);
  });

  it("folds ASCII case when asked, and matches non-ASCII letters exactly", async () => {
    const file = fileOf("ok\nFatal Error: ÉCHEC\n");
    expect((await search(file, "error", { caseSensitive: false })).match).toEqual({ offset: 9, length: 5 });
    expect((await search(file, "ERROR", { caseSensitive: false })).match).toEqual({ offset: 9, length: 5 });
    expect((await search(file, "error", { caseSensitive: true })).match).toBeNull();
    // "é" is two bytes in UTF-8; its upper case "É" is not folded to it.
    expect((await search(file, "échec", { caseSensitive: false })).match).toBeNull();
    expect((await search(file, "ÉCHEC", { caseSensitive: false })).match).toEqual({ offset: 16, length: 6 });
    expect(foldAscii(bytes("AZaz@[`{É"))).toEqual(bytes("azaz@[`{É"));
    // Overlapping occurrences: backward finds the last start, even inside the previous occurrence.
    expect((await search(fileOf("xAaAx"), "aa", { caseSensitive: false, direction: "backward", from: 5, chunkBytes: 64 })).match).toEqual({ offset: 2, length: 2 });
    expect((await search(fileOf("xAaAx"), "aa", { caseSensitive: true, direction: "backward", from: 5 })).match).toBeNull();
    // Regex specials in the needle are bytes like any other.
    expect((await search(fileOf("a.b a*b A.B"), "a.B", { caseSensitive: false, from: 1 })).match).toEqual({ offset: 8, length: 3 });
  });

  it("searches forward from `from` inclusive, backward for the last match starting before `from`", async () => {
    const text = "ab ERR cd ERR ef ERR";
    expect((await search(fileOf(text), "ERR", { from: 3 })).match?.offset).toBe(3);
    expect((await search(fileOf(text), "ERR", { from: 4 })).match?.offset).toBe(10);
    expect((await search(fileOf(text), "ERR", { direction: "backward", from: text.length })).match?.offset).toBe(17);
    expect((await search(fileOf(text), "ERR", { direction: "backward", from: 17 })).match?.offset).toBe(10);
    // A match starting before `from` counts even though it ends after it.
    expect((await search(fileOf(text), "ERR", { direction: "backward", from: 11 })).match?.offset).toBe(10);
    expect((await search(fileOf(text), "ERR", { direction: "backward", from: 3 })).match).toBeNull();
  });

  it("finds a needle at offset 0 and one that ends at the last byte, both ways", async () => {
    const text = "ERROR in the middle ERROR";
    expect((await search(fileOf(text), "ERROR")).match?.offset).toBe(0);
    expect((await search(fileOf(text), "ERROR", { direction: "backward", from: 5 })).match?.offset).toBe(0);
    expect((await search(fileOf(text), "ERROR", { from: 1 })).match?.offset).toBe(20);
    expect((await search(fileOf(text), "ERROR", { direction: "backward", from: text.length })).match?.offset).toBe(20);
    expect(await search(fileOf(text), "ERROR", { from: 21 })).toEqual({ match: null, scannedFrom: 21, scannedTo: 25, complete: true });
  });

  it("answers an empty file, a `from` past the end and a needle longer than the file without a match", async () => {
    const empty = fileOf("");
    expect(await search(empty, "x")).toEqual({ match: null, scannedFrom: 0, scannedTo: 0, complete: true });
    expect(await search(empty, "x", { direction: "backward", from: 0 })).toEqual({ match: null, scannedFrom: 0, scannedTo: 0, complete: true });
    expect(empty.reads).toEqual([]);
    expect(await search(fileOf("abc"), "b", { from: 99 })).toEqual({ match: null, scannedFrom: 3, scannedTo: 3, complete: true });
    expect((await search(fileOf("abc"), "b", { from: 99, direction: "backward" })).match).toEqual({ offset: 1, length: 1 });
    expect((await search(fileOf("abc"), "abcd")).match).toBeNull();
  });

  it("stops when the budget is spent and says where to continue, in both directions", async () => {
    const text = `${"x".repeat(100)}NEEDLE${"y".repeat(100)}`;
    const fwd = fileOf(text);
    const first = await search(fwd, "NEEDLE", { chunkBytes: 10, budgetBytes: 40 });
    // The budget counts bytes read, overlap included: three reads of 10 + 5 bytes pass 40.
    expect(first).toEqual({ match: null, scannedFrom: 0, scannedTo: 30, complete: false });
    expect(fwd.reads.reduce((sum, [s, e]) => sum + e - s, 0)).toBe(45);
    let from = first.scannedTo;
    let found = first.match;
    for (let i = 0; i < 10 && !found; i++) {
      const next = await search(fileOf(text), "NEEDLE", { chunkBytes: 10, budgetBytes: 40, from });
      expect(next.scannedFrom).toBe(from);
      found = next.match;
      from = next.scannedTo;
    }
    expect(found).toEqual({ offset: 100, length: 6 });

    const back = await search(fileOf(text), "NEEDLE", { chunkBytes: 10, budgetBytes: 40, direction: "backward", from: text.length });
    expect(back).toEqual({ match: null, scannedFrom: text.length - 30, scannedTo: text.length, complete: false });
    const back2 = await search(fileOf(text), "NEEDLE", { chunkBytes: 10, budgetBytes: 200, direction: "backward", from: back.scannedFrom });
    expect(back2.match).toEqual({ offset: 100, length: 6 });
  });

  it("stops reading once the signal is aborted", async () => {
    const file = fileOf("z".repeat(100));
    const controller = new AbortController();
    const reads: number[] = [];
    const run = searchBytes({
      needle: bytes("q"),
      ignoreCase: false,
      size: 100,
      from: 0,
      direction: "forward",
      chunkBytes: 10,
      budgetBytes: 1000,
      signal: controller.signal,
      read: async (s, e) => {
        reads.push(s);
        if (reads.length === 2) controller.abort(new Error("client went away"));
        return file.data.subarray(s, e);
      },
    });
    await expect(run).rejects.toThrow("client went away");
    expect(reads).toEqual([0, 10]);
  });

  it("agrees with a brute-force search on random files, chunk sizes and budgets", async () => {
    // xorshift32, seeded: the same cases every run, and well mixed in the low bits.
    let seed = 2463534242;
    const random = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    // Letters of both cases, regex specials and the bytes of "é": none may confuse either matcher.
    const alphabet = bytes("abAB.*é\n");
    for (let round = 0; round < 600; round++) {
      const data = Uint8Array.from({ length: random(60) }, () => alphabet[random(alphabet.length)]!);
      const ignoreCase = random(2) === 0;
      const needle = Uint8Array.from({ length: 1 + random(3) }, () => alphabet[random(alphabet.length - 1)]!);
      const folded = ignoreCase ? foldAscii(needle) : needle;
      const offsets = allOffsets(ignoreCase ? foldAscii(data) : data, folded);
      const direction: SearchDirection = random(2) === 0 ? "forward" : "backward";
      const from = random(data.length + 2);
      const chunkBytes = 1 + random(9);
      const budgetBytes = 1 + random(30);
      // Follow the continuations until an answer is complete, as the client does.
      let at = from;
      let result;
      for (let hops = 0; hops < 200; hops++) {
        result = await searchBytes({ needle: folded, ignoreCase, size: data.length, from: at, direction, chunkBytes, budgetBytes, read: async (s, e) => data.subarray(s, e) });
        if (result.complete) break;
        at = direction === "forward" ? result.scannedTo : result.scannedFrom;
      }
      const expected = direction === "forward" ? offsets.find((o) => o >= from) : offsets.filter((o) => o < from).at(-1);
      const label = JSON.stringify({ data: [...data], needle: [...needle], ignoreCase, direction, from, chunkBytes, budgetBytes });
      expect(result?.complete, label).toBe(true);
      expect(result?.match?.offset, label).toBe(expected);
    }
  });
});
