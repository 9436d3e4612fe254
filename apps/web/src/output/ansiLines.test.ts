import { describe, expect, it } from "vitest";
import { AnsiLineCache, findMatches } from "./ansiLines";

const E = "\u001b";
/** Lines as the buffer shows them: each with the file offset of its first byte. */
const at = (start: number, ...t: string[]) => {
  let offset = start;
  return t.map((text) => {
    const line = { text, at: offset };
    offset += new TextEncoder().encode(text).length + 1;
    return line;
  });
};
const lines = (...t: string[]) => at(0, ...t);
const red = { fg: { kind: "index", index: 1 } };

describe("AnsiLineCache", () => {
  it("carries a colour left open into the next line", () => {
    const c = new AnsiLineCache();
    c.update(lines(`${E}[31mred starts`, "still red", `${E}[0mplain`));
    expect(c.spansOf(1)).toEqual([{ text: "still red", style: red }]);
    expect(c.spansOf(2)).toEqual([{ text: "plain", style: {} }]);
    expect(c.plainOf(0)).toBe("red starts");
    expect(c.exactOf(2)).toBe(true);
  });

  it("re-parses only the grown last line when lines are appended", () => {
    const c = new AnsiLineCache();
    c.update(lines(`${E}[32mgreen`, "par"));
    const first = c.spansOf(0);
    c.update(lines(`${E}[32mgreen`, "partial done", `${E}[1mbold`));
    expect(c.plainLines).toEqual(["green", "partial done", "bold"]);
    expect(c.spansOf(2)[0]!.style).toEqual({ fg: { kind: "index", index: 2 }, bold: true });
    expect(c.spansOf(0)).toBe(first);
  });

  it("carries a colour opened in a prepended window into the lines already loaded", () => {
    const c = new AnsiLineCache();
    const all = lines(`${E}[35ma`, "b", "c");
    c.update(all.slice(1));
    // Opened mid-file: the style at its start is a guess.
    expect(c.spansOf(0)[0]!.style).toEqual({});
    expect(c.exactOf(0)).toBe(false);
    c.update(all);
    expect(c.spansOf(1)[0]!.style).toEqual({ fg: { kind: "index", index: 5 } });
    expect(c.spansOf(2)[0]!.style).toEqual({ fg: { kind: "index", index: 5 } });
    expect(c.exactOf(2)).toBe(true);
  });

  it("keeps the known style of lines left after the oldest are dropped", () => {
    const c = new AnsiLineCache();
    const all = lines(`${E}[31mopen`, "one", "two", "three");
    c.update(all);
    c.update(all.slice(2));
    expect(c.spansOf(0)).toEqual([{ text: "two", style: red }]);
    expect(c.exactOf(0)).toBe(true);
    // Lines appended after the drop continue from it.
    c.update([...all.slice(2), ...at(all[3]!.at + 6, `more${E}[0m`, "plain")]);
    expect(c.spansOf(2)[0]).toEqual({ text: "more", style: red });
    expect(c.spansOf(3)[0]).toEqual({ text: "plain", style: {} });
  });

  it("restores the style of a dropped window that is fetched again, from a checkpoint", () => {
    // Lines of 1 KiB: a checkpoint is remembered at the first line after each 64 KiB.
    const body = "x".repeat(1023);
    const texts = [`${E}[36mcyan from here`, ...Array.from({ length: 200 }, () => body)];
    const all = lines(...texts);
    const c = new AnsiLineCache();
    c.update(all);
    const cyan = { fg: { kind: "index", index: 6 } };
    // Drop everything before line 150, then load back a window that starts mid-file (line 100 on).
    c.update(all.slice(150));
    const refetched = all.slice(100);
    refetched[0] = { text: body.slice(10), at: refetched[0]!.at + 10 }; // a window cut mid-line
    c.update(refetched);
    // The cut head line is a guess; from the checkpoint on, lines are known to be cyan again.
    expect(c.exactOf(0)).toBe(false);
    const known = refetched.findIndex((_, i) => c.exactOf(i));
    expect(known).toBeGreaterThan(0);
    expect(refetched[known]!.at % (64 * 1024)).toBeLessThan(1024);
    expect(c.spansOf(known)[0]!.style).toEqual(cyan);
    expect(c.spansOf(refetched.length - 1)[0]!.style).toEqual(cyan);
  });
});

describe("AnsiLineCache with a line cut for length", () => {
  it("does not vouch for styles after a line whose start (and escapes) were cut away", () => {
    const c = new AnsiLineCache();
    c.update([
      { text: `${E}[31mred`, at: 0 },
      { text: "…tail of a huge line", at: 5, partial: "start" as const },
      { text: "after", at: 5_000_000 },
    ]);
    expect(c.exactOf(0)).toBe(true);
    expect(c.exactOf(1)).toBe(false);
    expect(c.exactOf(2)).toBe(false);
  });
});

describe("findMatches", () => {
  it("finds every case-insensitive match with its position", () => {
    expect(findMatches(["Error one", "no", "error ERROR"], "error")).toEqual([
      { line: 0, from: 0, to: 5 },
      { line: 2, from: 0, to: 5 },
      { line: 2, from: 6, to: 11 },
    ]);
    expect(findMatches(["x"], "")).toEqual([]);
  });
});
