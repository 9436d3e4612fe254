import { describe, expect, it } from "vitest";
import { pool, poolIssues, task, taskIssues } from "../test-support";

describe("ids rules", () => {
  it("pool.id.format flags a bad id in an unparsed draft", () => {
    expect(poolIssues("pool.id.format", pool())).toEqual([]);
    const draft = { ...pool(), id: "my pool" };
    expect(poolIssues("pool.id.format", draft)).toEqual([
      expect.objectContaining({
        path: ["id"],
        level: "error",
        message: expect.stringMatching(/letters, digits/),
      }),
    ]);
    expect(poolIssues("pool.id.format", { ...pool(), id: "p".repeat(65) })[0]?.message).toMatch(/at most 64/);
  });
  it("pool.id.taken uses context.poolIdTaken", () => {
    expect(poolIssues("pool.id.taken", pool(), { poolIdTaken: false })).toEqual([]);
    expect(poolIssues("pool.id.taken", pool(), { poolIdTaken: true })).toEqual([
      expect.objectContaining({ path: ["id"], level: "error" }),
    ]);
  });
  it("task.id.format and task.id.taken", () => {
    expect(taskIssues("task.id.format", task({ commandLine: "x" }))).toEqual([]);
    expect(taskIssues("task.id.format", { ...task(), id: "" })[0]?.message).toMatch(/Enter a task id/);
    expect(taskIssues("task.id.taken", task(), { taskIdTaken: true })).toHaveLength(1);
    expect(taskIssues("task.id.taken", task())).toEqual([]);
  });
});
