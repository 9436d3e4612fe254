import { describe, expect, it } from "vitest";
import { task, taskIssues } from "../test-support";

const withPattern = (filePattern: string) =>
  task({ outputFiles: [{ filePattern, destination: { kind: "accountStorage", containerName: "results" } }] });

describe("output file rules", () => {
  it("outputFile.patternOutsideTask: warns for patterns that reach outside the task", () => {
    for (const ok of [
      "out/**/*",
      "*.txt",
      "../std*.txt",
      "$AZ_BATCH_TASK_DIR/std*.txt",
      "${AZ_BATCH_TASK_WORKING_DIR}/r.json",
      "a/../b.txt",
    ])
      expect(taskIssues("outputFile.patternOutsideTask", withPattern(ok))).toEqual([]);
    expect(taskIssues("outputFile.patternOutsideTask", withPattern("/var/log/*.log"))).toEqual([
      expect.objectContaining({
        level: "warning",
        path: ["outputFiles", 0, "filePattern"],
        message: expect.stringContaining("absolute path outside"),
      }),
    ]);
    expect(taskIssues("outputFile.patternOutsideTask", withPattern("../../elsewhere/*"))).toEqual([
      expect.objectContaining({ level: "warning", message: expect.stringContaining("climbs above") }),
    ]);
  });
});
