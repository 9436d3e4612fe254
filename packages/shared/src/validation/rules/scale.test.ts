import { describe, expect, it } from "vitest";
import { pool, poolIssues } from "../test-support";

const sized = (dedicated: number, spot: number, resizeTimeout: string) =>
  pool((p) => void (p.scale = { dedicated, spot, resizeTimeout }));
const patchValue = (issues: { fix?: { patch: { value: unknown }[] } }[]) => issues[0]?.fix?.patch[0]?.value;

describe("scale rules", () => {
  it("scale.resizeTimeout.format", () => {
    expect(poolIssues("scale.resizeTimeout.format", sized(1, 0, "PT15M"))).toEqual([]);
    const issues = poolIssues("scale.resizeTimeout.format", sized(1, 0, "15 minutes"));
    expect(issues).toEqual([expect.objectContaining({ path: ["scale", "resizeTimeout"], level: "error" })]);
    expect(patchValue(issues)).toBe("PT15M");
  });
  it("scale.resizeTimeout.minimum fixes to 15 minutes (or more for big pools)", () => {
    expect(poolIssues("scale.resizeTimeout.minimum", sized(1, 0, "PT5M"))).toEqual([]);
    expect(patchValue(poolIssues("scale.resizeTimeout.minimum", sized(1, 0, "PT4M59S")))).toBe("PT15M");
    expect(patchValue(poolIssues("scale.resizeTimeout.minimum", sized(2000, 0, "PT1M")))).toBe("PT30M");
  });
  it("scale.resizeTimeout.perThousandNodes: 2,000 nodes want PT30M", () => {
    const issues = poolIssues("scale.resizeTimeout.perThousandNodes", sized(1500, 500, "PT15M"));
    expect(issues).toEqual([
      expect.objectContaining({ level: "warning", message: expect.stringMatching(/2000 nodes.*30 minutes/) }),
    ]);
    expect(patchValue(issues)).toBe("PT30M");
    expect(patchValue(poolIssues("scale.resizeTimeout.perThousandNodes", sized(2001, 0, "PT30M")))).toBe(
      "PT45M",
    );
    expect(poolIssues("scale.resizeTimeout.perThousandNodes", sized(2000, 0, "PT30M"))).toEqual([]);
    expect(poolIssues("scale.resizeTimeout.perThousandNodes", sized(999, 0, "PT10M"))).toEqual([]);
    expect(poolIssues("scale.resizeTimeout.perThousandNodes", sized(3000, 0, "PT1M"))).toEqual([]);
  });
  it("scale.empty", () => {
    expect(poolIssues("scale.empty", sized(0, 0, "PT15M"))).toEqual([
      expect.objectContaining({ level: "info" }),
    ]);
    expect(poolIssues("scale.empty", sized(0, 1, "PT15M"))).toEqual([]);
  });
});
