import { describe, expect, it } from "vitest";
import { suggestedResizeTimeout } from "./resizeTimeout";

describe("suggestedResizeTimeout", () => {
  it("suggests 15 minutes per started 1,000 nodes above the default", () => {
    expect(suggestedResizeTimeout(10)).toBeUndefined();
    expect(suggestedResizeTimeout(1000)).toBeUndefined();
    expect(suggestedResizeTimeout(2000)).toBe("PT30M");
    expect(suggestedResizeTimeout(2001)).toBe("PT45M");
  });
});
