import { describe, expect, it } from "vitest";
import { AnsiParser, stripAnsi, xtermRgb } from "./ansi";

const E = "\u001b";

describe("AnsiParser", () => {
  it("splits text into styled spans", () => {
    const spans = new AnsiParser().push(`plain ${E}[31mred ${E}[1mbold${E}[0m done`);
    expect(spans).toEqual([
      { text: "plain ", style: {} },
      { text: "red ", style: { fg: { kind: "index", index: 1 } } },
      { text: "bold", style: { fg: { kind: "index", index: 1 }, bold: true } },
      { text: " done", style: {} },
    ]);
  });

  it("carries the style across chunks", () => {
    const p = new AnsiParser();
    p.push(`${E}[32mstart`);
    expect(p.push("continued")).toEqual([{ text: "continued", style: { fg: { kind: "index", index: 2 } } }]);
  });

  it("finishes an escape sequence cut at a chunk edge", () => {
    const p = new AnsiParser();
    expect(p.push(`a${E}[3`)).toEqual([{ text: "a", style: {} }]);
    expect(p.push(`4mb`)).toEqual([{ text: "b", style: { fg: { kind: "index", index: 4 } } }]);
    const q = new AnsiParser();
    q.push(`x${E}`);
    expect(q.push("[1my")).toEqual([{ text: "y", style: { bold: true } }]);
  });

  it("reads bright, 256-colour and 24-bit colours and resets them one by one", () => {
    const p = new AnsiParser();
    const spans = p.push(`${E}[91;48;5;200ma${E}[38;2;1;2;3mb${E}[39mc${E}[49;22md`);
    expect(spans.map((s) => s.style)).toEqual([
      { fg: { kind: "index", index: 9 }, bg: { kind: "index", index: 200 } },
      { fg: { kind: "rgb", r: 1, g: 2, b: 3 }, bg: { kind: "index", index: 200 } },
      { bg: { kind: "index", index: 200 } },
      {},
    ]);
  });

  it("drops non-SGR sequences (cursor moves, OSC titles) without leaking them as text", () => {
    expect(stripAnsi(`${E}[2K${E}[1Gline${E}]0;title\u0007!`)).toBe("line!");
  });

  it("treats `ESC[m` as a reset", () => {
    const spans = new AnsiParser().push(`${E}[1ma${E}[mb`);
    expect(spans[1]).toEqual({ text: "b", style: {} });
  });

  it("keeps markup as plain text", () => {
    expect(stripAnsi("<script>alert(1)</script>")).toBe("<script>alert(1)</script>");
  });
});

describe("xtermRgb", () => {
  it("maps the cube and the grey ramp", () => {
    expect(xtermRgb(16)).toEqual({ r: 0, g: 0, b: 0 });
    expect(xtermRgb(231)).toEqual({ r: 255, g: 255, b: 255 });
    expect(xtermRgb(232)).toEqual({ r: 8, g: 8, b: 8 });
  });
});
