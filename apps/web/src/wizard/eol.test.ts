import { describe, expect, it } from "vitest";
import { eolStatus } from "./eol";

describe("eolStatus", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  it("classifies end-of-life dates", () => {
    expect(eolStatus(undefined, now)).toEqual({ kind: "none" });
    expect(eolStatus("2025-01-01", now)).toEqual({ kind: "past", date: "2025-01-01" });
    // "Soon" is the shared rule's 90 days, so the badge and the rule's note agree.
    expect(eolStatus("2026-08-15", now)).toEqual({ kind: "soon", date: "2026-08-15" });
    expect(eolStatus("2026-12-31", now)).toEqual({ kind: "later", date: "2026-12-31" });
    expect(eolStatus("2029-01-01", now)).toEqual({ kind: "later", date: "2029-01-01" });
    expect(eolStatus("not a date", now)).toEqual({ kind: "none" });
  });
});
