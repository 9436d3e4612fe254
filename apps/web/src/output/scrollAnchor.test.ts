import { describe, expect, it } from "vitest";
import { OutputBuffer } from "./outputBuffer";
import { anchorAt, anchoredScrollTop } from "./scrollAnchor";

const bytes = (s: string) => new TextEncoder().encode(s);
const H = 20;
const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => ({ index: from + k, start: (from + k) * H, end: (from + k + 1) * H }));
const startOf = (i: number) => i * H;

describe("scroll anchor", () => {
  it("keeps the first visible line in place when earlier lines are prepended", () => {
    const file = "a\nb\nc\nd\ne\nf\n";
    const b = new OutputBuffer(6, bytes(file.slice(6))); // d, e, f
    const before = b.view();
    // Scrolled 25 px: line "e" (index 1) is first visible, 15 px of it hidden above.
    const anchor = anchorAt(before, rows(0, 3), 25)!;
    expect(anchor).toEqual({ at: 8, delta: -5 });
    b.prepend(bytes(file.slice(0, 6)));
    // "e" is now index 4: scroll so it sits 5 px above the top again.
    expect(anchoredScrollTop(b.view(), anchor, startOf)).toBe(4 * H + 5);
  });

  it("follows the line when the oldest lines are dropped, and gives up when it was dropped itself", () => {
    const b = new OutputBuffer(0, bytes("l1\nl2\nl3\nl4\nl5\n"));
    const anchor = anchorAt(b.view(), rows(0, 5), 3 * H)!; // l4 at the top
    b.dropOldest(6); // l4, l5 left
    expect(anchoredScrollTop(b.view(), anchor, startOf)).toBe(0);
    const gone = anchorAt(new OutputBuffer(0, bytes("l1\nl2\nl3\nl4\nl5\n")).view(), rows(0, 5), 0)!;
    expect(anchoredScrollTop(b.view(), gone, startOf)).toBeUndefined();
  });

  it("finds the line a cut head line became part of", () => {
    const file = "alpha\nbravo\n";
    const b = new OutputBuffer(8, bytes(file.slice(8))); // "avo" cut at byte 8
    const anchor = anchorAt(b.view(), rows(0, 1), 0)!;
    b.prepend(bytes(file.slice(0, 8)));
    expect(anchoredScrollTop(b.view(), anchor, startOf)).toBe(H); // "bravo" is line index 1
  });

  it("finds the anchor after a jump far from the rendered rows", () => {
    const lines = new OutputBuffer(0, bytes(Array.from({ length: 1000 }, (_, i) => `r${i}`).join("\n"))).view();
    expect(anchorAt(lines, rows(0, 1000), 700 * H + 7)).toEqual({ at: lines[700]!.at, delta: -7 });
    expect(anchorAt(lines, rows(0, 1000), 5000 * H)).toBeUndefined();
  });
});
