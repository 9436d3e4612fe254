import { describe, expect, it } from "vitest";
import { safeStart } from "./byteBoundary";

const bytes = (s: string) => new TextEncoder().encode(s);
const E = "\u001b";

describe("safeStart", () => {
  it("keeps a wanted start that cuts nothing", () => {
    expect(safeStart(bytes("abc\ndef"), 4)).toBe(4);
    expect(safeStart(bytes(`${E}[31mred${E}[0m tail`), 8)).toBe(8); // right after a finished sequence
  });

  it("moves past the rest of an escape sequence the start falls inside", () => {
    const b = bytes(`abc${E}[1;31mred`);
    for (let wanted = 4; wanted <= 9; wanted++) expect(safeStart(b, wanted)).toBe(10);
    expect(safeStart(b, 3)).toBe(3); // at the ESC itself: nothing is cut
    const osc = bytes(`x${E}]8;;http://e.example${E}\\link`);
    expect(safeStart(osc, 6)).toBe(osc.length - 4);
  });

  it("moves past the continuation bytes of a character that began before", () => {
    const b = bytes("a✓b"); // ✓ is three bytes: 1..3
    expect(safeStart(b, 2)).toBe(4);
    expect(safeStart(b, 3)).toBe(4);
    expect(safeStart(b, 1)).toBe(1);
  });

  it("leaves an escape sequence that never ends alone rather than skipping the window", () => {
    const b = bytes(`${E}[${"1;".repeat(300)}`);
    expect(safeStart(b, 10)).toBe(10);
  });
});
