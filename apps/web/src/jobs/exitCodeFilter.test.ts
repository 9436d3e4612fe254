import { describe, expect, it } from "vitest";
import { parseExitCodeFilter } from "./exitCodeFilter";

describe("parseExitCodeFilter", () => {
  it("reads codes, ranges and bounds", () => {
    expect(parseExitCodeFilter("")).toEqual({ ok: true, filter: {} });
    expect(parseExitCodeFilter(" 0 ")).toEqual({ ok: true, filter: { exitCode: 0 } });
    expect(parseExitCodeFilter("1-255")).toEqual({ ok: true, filter: { exitCodeMin: 1, exitCodeMax: 255 } });
    expect(parseExitCodeFilter("-5..-1")).toEqual({ ok: true, filter: { exitCodeMin: -5, exitCodeMax: -1 } });
    expect(parseExitCodeFilter(">0")).toEqual({ ok: true, filter: { exitCodeMin: 1 } });
    expect(parseExitCodeFilter("<=2")).toEqual({ ok: true, filter: { exitCodeMax: 2 } });
  });

  it("explains bad input", () => {
    expect(parseExitCodeFilter("5-1").ok).toBe(false);
    expect(parseExitCodeFilter("abc")).toMatchObject({ ok: false });
  });
});
