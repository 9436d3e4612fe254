import { describe, expect, it } from "vitest";
import type { ExitConditionsSpecInput } from "../../exit-conditions-spec";
import { TaskSpec } from "../../task-spec";
import type { TaskJobFact } from "../../validation-context";
import { applyFix } from "../apply-fix";
import { taskJobFact } from "../task-facts";
import { validateTask } from "../validate-task";

const job = (facts: Partial<TaskJobFact> = {}): TaskJobFact => ({ jobId: "j1", onTaskFailure: "noaction", usesTaskDependencies: false, ...facts });
const spec = (exitConditions: ExitConditionsSpecInput) => TaskSpec.parse({ id: "t", commandLine: "run", exitConditions });
const issues = (exitConditions: ExitConditionsSpecInput, jobFact?: TaskJobFact) =>
  validateTask(spec(exitConditions), jobFact ? { job: jobFact } : {}).filter((i) => i.path[0] === "exitConditions");
const found = (exitConditions: ExitConditionsSpecInput, jobFact?: TaskJobFact) => issues(exitConditions, jobFact).map((i) => [i.code, i.path.join("."), i.level]);

describe("exit condition rules", () => {
  it("a range whose start is above its end is an error at its end", () => {
    expect(found({ exitCodeRanges: [{ start: 10, end: 2, exitOptions: {} }] })).toEqual([["task.exitCodeRangeOrder", "exitConditions.exitCodeRanges.0.end", "error"]]);
    expect(found({ exitCodeRanges: [{ start: 2, end: 2, exitOptions: {} }] })).toEqual([]);
  });

  it("refuses an exit code mapped twice: a repeated code, a code inside a range, overlapping ranges; the later one is named", () => {
    expect(
      found({
        exitCodes: [{ code: 3, exitOptions: {} }, { code: 3, exitOptions: {} }, { code: 20, exitOptions: {} }],
        exitCodeRanges: [{ start: 1, end: 5, exitOptions: {} }, { start: 10, end: 20, exitOptions: {} }, { start: 21, end: 30, exitOptions: {} }],
      }),
    ).toEqual([
      ["task.exitCodeOverlap", "exitConditions.exitCodes.1.code", "error"],
      ["task.exitCodeOverlap", "exitConditions.exitCodeRanges.0.start", "error"],
      ["task.exitCodeOverlap", "exitConditions.exitCodeRanges.1.start", "error"],
    ]);
    expect(issues({ exitCodes: [{ code: 3, exitOptions: {} }], exitCodeRanges: [{ start: 1, end: 5, exitOptions: {} }] })[0]?.message).toBe(
      "The range 1-5 overlaps exit code 3; Batch does not say which of two mappings applies to one exit code, so map each code once.",
    );
    // Touching ranges and a backwards range (its own error) do not overlap.
    expect(found({ exitCodeRanges: [{ start: 1, end: 5, exitOptions: {} }, { start: 6, end: 9, exitOptions: {} }, { start: 9, end: 1, exitOptions: {} }] }).map((f) => f[0])).toEqual(["task.exitCodeRangeOrder"]);
  });

  it("a job action on a job with onTaskFailure noaction is an error at each action, even none, with a fix that leaves it to Batch", () => {
    const conditions: ExitConditionsSpecInput = {
      exitCodes: [{ code: 1, exitOptions: { jobAction: "terminate", dependencyAction: "satisfy" } }],
      default: { jobAction: "none" },
    };
    expect(found(conditions, job({ usesTaskDependencies: true }))).toEqual([
      ["task.exitJobActionNeedsJobOption", "exitConditions.exitCodes.0.exitOptions.jobAction", "error"],
      ["task.exitJobActionNeedsJobOption", "exitConditions.default.jobAction", "error"],
    ]);
    const [first] = issues(conditions, job({ usesTaskDependencies: true }));
    expect(first?.message).toContain('Job "j1" takes no action when a task fails');
    const fixed = applyFix(spec(conditions), first!.fix!);
    expect(fixed.exitConditions?.exitCodes[0]?.exitOptions).toEqual({ dependencyAction: "satisfy" });
    // The job that performs the exit options' job action, or no job facts at all: silent.
    expect(found(conditions, job({ onTaskFailure: "performexitoptionsjobaction", usesTaskDependencies: true }))).toEqual([]);
    expect(found(conditions)).toEqual([]);
  });

  it("notes a dependency action on a job without task dependencies", () => {
    const conditions: ExitConditionsSpecInput = { fileUploadError: { dependencyAction: "block" } };
    expect(found(conditions, job())).toEqual([["task.exitDependencyActionUnused", "exitConditions.fileUploadError.dependencyAction", "info"]]);
    expect(found(conditions, job({ usesTaskDependencies: true }))).toEqual([]);
  });
});

describe("exit conditions schema", () => {
  it("answers a code that is not a 32-bit whole number and an unknown action with what to write", () => {
    const r = TaskSpec.safeParse({ id: "t", commandLine: "x", exitConditions: { exitCodes: [{ code: 1.5 }, { code: 2 ** 31 }], default: { jobAction: "stop" } } });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["exitConditions.exitCodes.0.code", "An exit code is a whole number"],
      ["exitConditions.exitCodes.1.code", "An exit code is at most 2147483647 (exit codes are 32-bit)"],
      ["exitConditions.default.jobAction", "jobAction is none, disable or terminate"],
    ]);
  });
});

describe("taskJobFact", () => {
  it("reads a job summary with Batch's defaults where it says nothing", () => {
    expect(taskJobFact({ id: "j" })).toEqual({ jobId: "j", onTaskFailure: "noaction", usesTaskDependencies: false });
    expect(taskJobFact({ id: "j", onTaskFailure: "performexitoptionsjobaction", usesTaskDependencies: true })).toEqual({
      jobId: "j",
      onTaskFailure: "performexitoptionsjobaction",
      usesTaskDependencies: true,
    });
  });
});
