import { describe, expect, it } from "vitest";
import { dependsOnText, parseDependsOnText } from "./task-dependencies-text";

describe("task dependencies as text", () => {
  it("reads ids and numeric ranges; an id with a dash stays an id", () => {
    expect(parseDependsOnText("prepare, 1-10  12,frame-1")).toEqual({ taskIds: ["prepare", "12", "frame-1"], taskIdRanges: [{ start: 1, end: 10 }] });
    expect(parseDependsOnText("  ")).toEqual({ taskIds: [], taskIdRanges: [] });
  });
  it("writes them back", () => {
    expect(dependsOnText({ taskIds: ["prepare"], taskIdRanges: [{ start: 1, end: 10 }] })).toBe("prepare, 1-10");
    expect(dependsOnText(undefined)).toBe("");
  });
});
