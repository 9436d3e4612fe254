import { describe, expect, it } from "vitest";
import { errorsByStatus, formatCounts, overlaps, type RequestSample } from "./soak-stats";

const sample = (startMs: number, status: RequestSample["status"], tookMs = 10): RequestSample => ({
  kind: "pools",
  startMs,
  endMs: startMs + tookMs,
  status,
});

describe("soak stats", () => {
  const window = { startMs: 1000, endMs: 1600 };

  it("counts a request in the window when it was in flight at any time during it", () => {
    expect(overlaps(sample(995, 502, 10), window)).toBe(true); // sent just before the kill, answered after
    expect(overlaps(sample(1599, 502, 10), window)).toBe(true);
    expect(overlaps(sample(980, 200, 10), window)).toBe(false);
    expect(overlaps(sample(1600, 502, 10), window)).toBe(false); // sent once the emulator answered again
  });

  it("counts errors inside and outside the window by status", () => {
    const samples = [
      sample(100, 200),
      sample(900, 429),
      sample(995, 502),
      sample(1200, "network"),
      sample(1500, 503),
      sample(1700, 200),
      sample(1800, 502),
    ];
    const counts = errorsByStatus(samples, window);
    expect(counts.inside).toEqual({ "502": 1, "503": 1, network: 1 });
    expect(counts.outside).toEqual({ "429": 1, "502": 1 });
  });

  it("writes counts for the report", () => {
    expect(formatCounts({})).toBe("none");
    expect(formatCounts({ network: 1, "502": 3 })).toBe("502 × 3, network × 1");
  });
});
