import { describe, expect, it } from "vitest";
import { FilterError, parseFilter } from "./odata-filter";

const task = (id: string, state: string, exitCode?: number, creationTime = "2026-11-23T10:00:00.000Z") => ({
  id,
  state,
  creationTime,
  executionInfo: exitCode === undefined ? { retryCount: 0 } : { exitCode, retryCount: 0 },
});
const tasks = [
  task("t1", "completed", 0),
  task("t2", "completed", 2, "2026-11-23T12:00:00.000Z"),
  task("other", "active"),
];
const ids = (f: string) => tasks.filter(parseFilter(f)).map((t) => t.id);

describe("parseFilter", () => {
  it("compares states case-insensitively and combines with and/or/not", () => {
    expect(ids("state eq 'Completed'")).toEqual(["t1", "t2"]);
    expect(ids("state eq 'completed' and executionInfo/exitCode ne 0")).toEqual(["t2"]);
    expect(ids("(id eq 'other') or executionInfo/exitCode eq 0")).toEqual(["t1", "other"]);
    expect(ids("not (state eq 'active')")).toEqual(["t1", "t2"]);
  });

  it("supports startswith, numbers and datetimes", () => {
    expect(ids("startswith(id,'T')")).toEqual(["t1", "t2"]);
    expect(ids("executionInfo/exitCode gt 1")).toEqual(["t2"]);
    expect(ids("creationTime ge datetime'2026-11-23T11:00:00Z'")).toEqual(["t2"]);
  });

  it("rejects malformed filters", () => {
    for (const bad of [
      "state",
      "state eq",
      "state eq 'x",
      "state like 'x'",
      "(state eq 'x'",
      "state eq 'x' junk",
    ])
      expect(() => parseFilter(bad), bad).toThrow(FilterError);
  });
});
