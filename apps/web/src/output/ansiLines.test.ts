import { describe, expect, it } from "vitest";
import { AnsiLineCache, findMatches } from "./ansiLines";

const E = "\u001b";
const lines = (...t: string[]) => t.map((text) => ({ text }));

describe("AnsiLineCache", () => {
  it("carries a colour left open into the next line", () => {
    const c = new AnsiLineCache();
    c.update(lines(`${E}[31mred starts`, "still red", `${E}[0mplain`), 0);
    expect(c.spansOf(1)).toEqual([{ text: "still red", style: { fg: { kind: "index", index: 1 } } }]);
    expect(c.spansOf(2)).toEqual([{ text: "plain", style: {} }]);
    expect(c.plainOf(0)).toBe("red starts");
  });

  it("re-parses only the grown last line when lines are appended", () => {
    const c = new AnsiLineCache();
    c.update(lines(`${E}[32mgreen`, "par"), 0);
    c.update(lines(`${E}[32mgreen`, "partial done", `${E}[1mbold`), 0);
    expect(c.plainLines).toEqual(["green", "partial done", "bold"]);
    expect(c.spansOf(2)[0]!.style).toEqual({ fg: { kind: "index", index: 2 }, bold: true });
  });

  it("starts over when an earlier window is prepended", () => {
    const c = new AnsiLineCache();
    c.update(lines("b"), 100);
    c.update(lines(`${E}[35ma`, "b"), 0);
    expect(c.spansOf(1)[0]!.style).toEqual({ fg: { kind: "index", index: 5 } });
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
