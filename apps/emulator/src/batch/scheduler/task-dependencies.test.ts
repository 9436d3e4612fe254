import { describe, expect, it } from "vitest";
import type { DependencyAction, TaskRecord, TaskState } from "../model/types";
import { dependenciesMet, type TaskLookup } from "./task-dependencies";

const rec = (id: string, state: TaskState, dependencyAction?: DependencyAction): TaskRecord =>
  ({ seq: 1, jobKey: "j", wire: { id, state }, dependencyAction }) as unknown as TaskRecord;

const lookup = (...tasks: TaskRecord[]): TaskLookup => ({
  get: (id) => tasks.find((t) => t.wire.id.toLowerCase() === id.toLowerCase()),
  values: () => tasks,
});

describe("dependenciesMet", () => {
  it("waits for named tasks to complete with satisfy, including tasks not added yet", () => {
    const deps = { taskIds: ["A", "b"] };
    expect(dependenciesMet(deps, lookup(rec("a", "completed", "satisfy")))).toBe(false);
    expect(dependenciesMet(deps, lookup(rec("a", "completed", "satisfy"), rec("b", "running")))).toBe(false);
    expect(
      dependenciesMet(deps, lookup(rec("a", "completed", "satisfy"), rec("b", "completed", "block"))),
    ).toBe(false);
    expect(
      dependenciesMet(deps, lookup(rec("a", "completed", "satisfy"), rec("b", "completed", "satisfy"))),
    ).toBe(true);
    expect(dependenciesMet(undefined, lookup())).toBe(true);
  });

  it("selects the existing tasks with integer ids inside a range, leading zeros aside", () => {
    const deps = { taskIdRanges: [{ start: 1, end: 3 }] };
    const done = (id: string) => rec(id, "completed", "satisfy");
    expect(dependenciesMet(deps, lookup(done("1"), done("3"), rec("4", "active"), rec("2x", "active")))).toBe(
      true,
    );
    expect(dependenciesMet(deps, lookup(done("1"), rec("2", "active")))).toBe(false);
    // 2 and 002 are the same task number: the first to complete with satisfy satisfies it.
    expect(dependenciesMet(deps, lookup(done("1"), rec("2", "active"), done("002")))).toBe(true);
    expect(dependenciesMet(deps, lookup(done("1"), rec("2", "completed", "block")))).toBe(false);
  });
});
