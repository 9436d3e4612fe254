import { describe, expect, it } from "vitest";
import { interactiveAt } from "./interactive";

describe("interactiveAt", () => {
  it("is the render time when no long task follows it", () => {
    expect(interactiveAt(400, [{ start: 100, duration: 120 }], 1000, 1500)).toBe(400);
  });
  it("moves to the end of long tasks that start inside the quiet window", () => {
    const tasks = [
      { start: 450, duration: 80 }, // ends 530
      { start: 1200, duration: 60 }, // starts within 1 s of 530: ends 1260
      { start: 2500, duration: 70 }, // after a full quiet second: does not count
    ];
    expect(interactiveAt(400, tasks, 1000, 3000)).toBe(1260);
  });
  it("a task running across the render time delays it to that task's end", () => {
    expect(interactiveAt(400, [{ start: 350, duration: 150 }], 1000, 2000)).toBe(500);
  });
  it("order of the observer's entries does not matter", () => {
    const tasks = [
      { start: 1200, duration: 60 },
      { start: 450, duration: 80 },
    ];
    expect(interactiveAt(400, tasks, 1000, 3000)).toBe(1260);
  });
  it("is undefined until the quiet window after the candidate has been observed", () => {
    expect(interactiveAt(400, [{ start: 450, duration: 80 }], 1000, 1200)).toBeUndefined();
    expect(interactiveAt(400, [{ start: 450, duration: 80 }], 1000, 1530)).toBe(530);
  });
});
