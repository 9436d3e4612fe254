import { describe, expect, it } from "vitest";
import { PACKAGE_BENCHES } from "./package-benches";
import { flatten, lastJsonLine, renderResult } from "./package-result";

describe("package benchmark results", () => {
  it("takes the last JSON object line and skips log lines that only look like JSON", () => {
    const out = 'warming up\n{"bench":"a","x":1}\n{not json\ndone\n';
    expect(lastJsonLine(out)).toEqual({ bench: "a", x: 1 });
    expect(lastJsonLine("no result\n[1,2]\n")).toBeUndefined();
  });

  it("flattens nested numbers into dotted rows, rounded to two decimals", () => {
    expect(flatten({ p: { p50: 1.23456, p99: 2 }, ok: true })).toEqual([
      ["p.p50", "1.23"],
      ["p.p99", "2"],
      ["ok", "true"],
    ]);
  });

  it("renders a section with the goal and the command that reproduces it", () => {
    const bench = PACKAGE_BENCHES.find((b) => b.name === "follow-latency")!;
    const md = renderResult(bench, { bench: "follow-latency", p50: 270 }, { date: "2026-11-23", machine: "m" });
    expect(md).toContain("| p50 | 270 |");
    expect(md).not.toContain("| bench |");
    expect(md).toContain("Goal: ≤ 1.5 s");
    expect(md).toContain("bench:follow-latency");
  });
});
