import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatIsoDuration, parseIsoDuration } from "./iso-duration";

describe("parseIsoDuration", () => {
  it.each([
    ["PT15M", 900_000],
    ["PT5M", 300_000],
    ["PT1H30M", 5_400_000],
    ["P1D", 86_400_000],
    ["P1W", 604_800_000],
    ["P1DT2H3M4S", 93_784_000],
    ["PT1.5S", 1_500],
    ["PT0S", 0],
  ])("%s = %d ms", (text, ms) => expect(parseIsoDuration(text)).toBe(ms));

  it.each(["", "P", "PT", "15M", "PT15", "P1Y", "P1M", "pt15m", "PT-5M", "PT15M ", "P1H"])(
    "rejects %j",
    (text) => expect(parseIsoDuration(text)).toBeUndefined(),
  );
});

describe("formatIsoDuration", () => {
  it("writes the shortest form", () => {
    expect(formatIsoDuration(900_000)).toBe("PT15M");
    expect(formatIsoDuration(1_800_000)).toBe("PT30M");
    expect(formatIsoDuration(93_784_000)).toBe("P1DT2H3M4S");
    expect(formatIsoDuration(0)).toBe("PT0S");
    expect(formatIsoDuration(1_500)).toBe("PT1.5S");
    expect(() => formatIsoDuration(-1)).toThrow(RangeError);
  });
  it("round-trips through parse", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 * 365 * 86_400_000 }),
        (ms) => parseIsoDuration(formatIsoDuration(ms)) === ms,
      ),
    );
  });
});
