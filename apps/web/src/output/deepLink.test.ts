import { describe, expect, it } from "vitest";
import { indexOfTarget, outputHash, parseOutputHash, targetOfLine } from "./deepLink";
import { OutputBuffer } from "./outputBuffer";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("output deep links", () => {
  it("parses #L, the older #line- and #b= links, and nothing else", () => {
    expect(parseOutputHash("#L12")).toEqual({ kind: "line", line: 12 });
    expect(parseOutputHash("#line-12")).toEqual({ kind: "line", line: 12 });
    expect(parseOutputHash("#b=4096")).toEqual({ kind: "byte", offset: 4096 });
    for (const bad of ["", "#L0", "#L-1", "#b=", "#b=x", "#L12a", "#tab"]) expect(parseOutputHash(bad)).toBeUndefined();
    expect(outputHash({ kind: "line", line: 7 })).toBe("#L7");
    expect(outputHash({ kind: "byte", offset: 0 })).toBe("#b=0");
  });

  it("links numbered lines by number and others by their first byte", () => {
    const numbered = new OutputBuffer(0, bytes("a\nb\n")).view();
    expect(targetOfLine(numbered[1]!)).toEqual({ kind: "line", line: 2 });
    const tail = new OutputBuffer(100, bytes("x\nyy\n")).view();
    expect(targetOfLine(tail[1]!)).toEqual({ kind: "byte", offset: 102 });
  });

  it("finds a target among the loaded lines, or says it is not loaded", () => {
    const b = new OutputBuffer(0, bytes("a\nb\nc\nd\n"));
    b.dropOldest(4); // c, d (lines 3, 4) from byte 4
    const lines = b.view();
    expect(indexOfTarget(lines, { kind: "line", line: 4 })).toBe(1);
    expect(indexOfTarget(lines, { kind: "line", line: 2 })).toBe(-1);
    expect(indexOfTarget(lines, { kind: "line", line: 9 })).toBe(-1);
    expect(indexOfTarget(lines, { kind: "byte", offset: 7 })).toBe(1);
    expect(indexOfTarget(lines, { kind: "byte", offset: 1 })).toBe(-1);
    expect(indexOfTarget(new OutputBuffer(50, bytes("q\n")).view(), { kind: "line", line: 1 })).toBe(-1);
  });
});
