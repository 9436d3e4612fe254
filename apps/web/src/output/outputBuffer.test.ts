import { describe, expect, it } from "vitest";
import { lineIndexOfByte, MAX_LINE_BYTES, OutputBuffer } from "./outputBuffer";

const bytes = (s: string) => new TextEncoder().encode(s);
const texts = (b: OutputBuffer) => b.view().map((l) => l.text);

describe("OutputBuffer", () => {
  it("numbers lines of a window that starts at the file start", () => {
    const b = new OutputBuffer(0, bytes("one\ntwo\nthr"));
    expect(b.view()).toEqual([
      { text: "one", at: 0, number: 1 },
      { text: "two", at: 4, number: 2 },
      { text: "thr", at: 8, number: 3, partial: "end" },
    ]);
    b.append(bytes("ee\n"));
    expect(b.view()).toEqual([
      { text: "one", at: 0, number: 1 },
      { text: "two", at: 4, number: 2 },
      { text: "three", at: 8, number: 3 },
    ]);
    expect(b.end).toBe(14);
  });

  it("marks the first line of a tail window as cut and joins it when earlier bytes arrive", () => {
    const file = "alpha\nbravo\ncharlie\ndelta\n";
    const at = 8; // inside "bravo"
    const b = new OutputBuffer(at, bytes(file.slice(at)));
    expect(b.view()[0]).toEqual({ text: "avo", at: 8, partial: "start" });
    expect(b.view()[1]).toEqual({ text: "charlie", at: 12 });
    b.prepend(bytes(file.slice(3, at)));
    expect(texts(b)).toEqual(["ha", "bravo", "charlie", "delta"]);
    b.prepend(bytes(file.slice(0, 3)));
    expect(b.view().map((l) => [l.number, l.text])).toEqual([
      [1, "alpha"],
      [2, "bravo"],
      [3, "charlie"],
      [4, "delta"],
    ]);
    expect(b.start).toBe(0);
  });

  it("reassembles a UTF-8 character split across appended chunks", () => {
    const all = bytes("héllo wörld ✓\n");
    const b = new OutputBuffer(0);
    for (let i = 0; i < all.length; i += 1) b.append(all.subarray(i, i + 1));
    expect(texts(b)).toEqual(["héllo wörld ✓"]);
  });

  it("never shows half a character in the unfinished last line", () => {
    const check = bytes("✓"); // three bytes
    const b = new OutputBuffer(0, check.subarray(0, 2));
    expect(texts(b)).toEqual([]);
    b.append(check.subarray(2));
    expect(texts(b)).toEqual(["✓"]);
  });

  it("reassembles a character split between a prepended range and the loaded window", () => {
    const all = bytes("x\nsnö\nend\n");
    const cut = 5; // between the two bytes of "ö"
    const b = new OutputBuffer(cut, all.subarray(cut));
    b.prepend(all.subarray(0, cut));
    expect(texts(b)).toEqual(["x", "snö", "end"]);
  });

  it("handles a window without any newline, then prepends and appends around it", () => {
    const b = new OutputBuffer(4, bytes("middle"));
    expect(b.view()).toEqual([{ text: "middle", at: 4, partial: "start" }]);
    b.append(bytes("-end\nnext"));
    expect(texts(b)).toEqual(["middle-end", "next"]);
    b.prepend(bytes("pre-"));
    expect(texts(b)).toEqual(["pre-middle-end", "next"]);
    expect(b.view()[0]!.number).toBe(1);
  });

  it("drops the CR of CRLF line ends", () => {
    expect(texts(new OutputBuffer(0, bytes("a\r\nb\r\n")))).toEqual(["a", "b"]);
  });

  it("drops the oldest whole lines past a byte cap and keeps numbering and offsets", () => {
    const file = "l1\nl2\nl3\nl4\nl5\nl6"; // lines start at 0, 3, 6, 9, 12, 15
    const b = new OutputBuffer(0, bytes(file));
    expect(b.dropOldest(100)).toBe(0);
    expect(b.dropOldest(8)).toBe(9);
    expect(b.start).toBe(9);
    expect(b.size).toBeLessThanOrEqual(8);
    // The window now starts at a line start: no partial head, numbers carry on.
    expect(b.view()).toEqual([
      { text: "l4", at: 9, number: 4 },
      { text: "l5", at: 12, number: 5 },
      { text: "l6", at: 15, number: 6, partial: "end" },
    ]);
    // Following keeps appending and numbering.
    b.append(bytes("\nl7\n"));
    expect(b.view().at(-1)).toEqual({ text: "l7", at: 18, number: 7 });
    expect(b.numberRange).toEqual({ first: 4, last: 7 });
  });

  it("gets dropped lines back by prepending the same bytes, with the same numbers", () => {
    const file = "l1\nl2\nl3\nl4\nl5\n";
    const b = new OutputBuffer(0, bytes(file));
    b.dropOldest(7); // keeps l4, l5 (from 9)
    expect(b.view().map((l) => l.number)).toEqual([4, 5]);
    b.prepend(bytes(file.slice(4, 9))); // "2\nl3\n": cuts l2
    expect(b.view()).toEqual([
      { text: "2", at: 4, number: 2, partial: "start" },
      { text: "l3", at: 6, number: 3 },
      { text: "l4", at: 9, number: 4 },
      { text: "l5", at: 12, number: 5 },
    ]);
    b.prepend(bytes(file.slice(0, 4)));
    expect(b.view().map((l) => [l.number, l.text])).toEqual([
      [1, "l1"],
      [2, "l2"],
      [3, "l3"],
      [4, "l4"],
      [5, "l5"],
    ]);
  });

  it("numbers nothing when a tail window's lines are dropped before the file start was seen", () => {
    const b = new OutputBuffer(100, bytes("ad\nb\nc\nd"));
    b.dropOldest(4);
    expect(b.view()).toEqual([
      { text: "c", at: 105 },
      { text: "d", at: 107, partial: "end" },
    ]);
    expect(b.numberRange).toBeUndefined();
  });

  it("keeps at least the newest line when one line alone passes the cap", () => {
    const b = new OutputBuffer(0, bytes("short\n" + "x".repeat(50) + "\n"));
    expect(b.dropOldest(10)).toBe(6);
    expect(b.view().map((l) => l.text.length)).toEqual([50]);
    expect(b.dropOldest(10)).toBe(0);
  });

  it("drops the newest lines for a reader far back, so a later append still fits", () => {
    const b = new OutputBuffer(0, bytes("l1\nl2\nl3\nl4\npart"));
    expect(b.dropNewest(7)).toBe(10);
    expect(b.end).toBe(6);
    expect(b.view().map((l) => l.text)).toEqual(["l1", "l2"]);
    b.append(bytes("l3\n"));
    expect(b.view().map((l) => [l.number, l.text, l.at])).toEqual([
      [1, "l1", 0],
      [2, "l2", 3],
      [3, "l3", 6],
    ]);
  });

  it("finds the line holding a byte", () => {
    const lines = new OutputBuffer(0, bytes("ab\ncd\nef")).view();
    expect([0, 2, 3, 5, 6, 100].map((o) => lineIndexOfByte(lines, o))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(lineIndexOfByte(new OutputBuffer(10, bytes("zz\ny")).view(), 9)).toBe(-1);
  });

  it("keeps only the newest part of a line that grows past the limit without a newline", () => {
    const b = new OutputBuffer(0, bytes("first\n"));
    const piece = bytes("\r".concat("#".repeat(1023))); // progress redrawn with CR, never a newline
    for (let i = 0; i < 3 * 1024; i++) b.append(piece); // 3 MiB on one line
    const growing = b.view().at(-1)!;
    expect(growing.text.length).toBeLessThanOrEqual(MAX_LINE_BYTES);
    expect(growing).toMatchObject({ at: 6, number: 2, partial: "start" });
    b.append(bytes(" done\nnext\n"));
    const [, cut, next] = b.view();
    // Still line 2, starting at byte 6, shown cut; the numbers and offsets after it are right.
    expect(cut).toMatchObject({ at: 6, number: 2, partial: "start" });
    expect(cut!.text.endsWith("# done")).toBe(true);
    expect(next).toEqual({ text: "next", at: 6 + 3 * 1024 * 1024 + 6, number: 3 });
    expect(b.end).toBe(6 + 3 * 1024 * 1024 + 11);
  });

  it("drops a cut unfinished line back to its start", () => {
    const b = new OutputBuffer(0, bytes("a\n"));
    b.append(new Uint8Array(MAX_LINE_BYTES + 10).fill(0x78));
    expect(b.dropNewest(1)).toBe(MAX_LINE_BYTES + 10);
    expect(b.end).toBe(2);
    b.append(bytes("b\n"));
    expect(b.view()).toEqual([
      { text: "a", at: 0, number: 1 },
      { text: "b", at: 2, number: 2 },
    ]);
  });

  it("shows no empty cut line when a window begins on a newline byte", () => {
    const b = new OutputBuffer(5, bytes("\nabc\n"));
    expect(b.view()).toEqual([{ text: "abc", at: 6 }]);
    b.prepend(bytes("wxyz1"));
    expect(b.view()).toEqual([
      { text: "wxyz1", at: 0, number: 1 },
      { text: "abc", at: 6, number: 2 },
    ]);
  });
});
