import { EXIT_ENDINGS, type ExitOptionsSpec } from "../../exit-conditions-spec";
import type { SpecPath } from "../../validation-result";
import type { Rule } from "../rule";
import { setFix } from "../rule";
import type { TaskFacts } from "../task-facts";

const AT = "exitConditions";
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const SOURCE_OPTIONS =
  "Batch REST ExitOptions: if the job's onTaskFailed property is noaction, specifying jobAction returns an error and the add task request fails with an invalid property value error (400).";

/** Every ExitOptions of the task with where it sits and how to name it to the operator. */
const exitOptionsOf = (facts: TaskFacts): { at: SpecPath; what: string; options: ExitOptionsSpec }[] => {
  const c = facts.spec.exitConditions;
  if (!c) return [];
  const ENDING_WORDS = { preProcessingError: "a pre-processing error", fileUploadError: "a file upload error", default: "any other exit code" };
  return [
    ...c.exitCodes.map((m, i) => ({ at: [AT, "exitCodes", i, "exitOptions"], what: `exit code ${m.code}`, options: m.exitOptions })),
    ...c.exitCodeRanges.map((r, i) => ({ at: [AT, "exitCodeRanges", i, "exitOptions"], what: `exit codes ${r.start}-${r.end}`, options: r.exitOptions })),
    ...EXIT_ENDINGS.flatMap((e) => {
      const options = c[e];
      return options ? [{ at: [AT, e], what: ENDING_WORDS[e], options }] : [];
    }),
  ];
};

export const exitCodeRangeOrder: Rule<TaskFacts> = {
  code: "task.exitCodeRangeOrder",
  area: "exit conditions",
  level: "error",
  summary: "An exit code range's start is not above its end.",
  source: "Batch REST ExitCodeRangeMapping: start and end are the first and last exit code of the range (inclusive).",
  check: ({ spec }, emit) =>
    spec.exitConditions?.exitCodeRanges.forEach((r, i) => {
      if (r.start > r.end) emit([AT, "exitCodeRanges", i, "end"], `The range ends at ${r.end}, below its start ${r.start}; swap them or fix the end.`);
    }),
};

/**
 * Batch's reference does not say which mapping applies to an exit code listed twice (a code and a
 * range holding it, or two ranges that overlap), so the task's behaviour would be a guess: refused.
 */
export const exitCodeOverlap: Rule<TaskFacts> = {
  code: "task.exitCodeOverlap",
  area: "exit conditions",
  level: "error",
  summary: "Each exit code is mapped once: no code listed twice, inside a range, or in two overlapping ranges.",
  source:
    "Batch REST ExitConditions: exitCodes and exitCodeRanges map exit codes to exit options; the reference does not say which mapping applies to a code listed in more than one (operator experience: list each once).",
  check: ({ spec }, emit) => {
    const c = spec.exitConditions;
    if (!c) return;
    const entries = [
      ...c.exitCodes.map((m, i) => ({ start: m.code, end: m.code, at: [AT, "exitCodes", i, "code"], what: `exit code ${m.code}` })),
      ...c.exitCodeRanges
        .map((r, i) => ({ start: r.start, end: r.end, at: [AT, "exitCodeRanges", i, "start"], what: `the range ${r.start}-${r.end}` }))
        .filter((r) => r.start <= r.end),
    ];
    entries.forEach((entry, k) => {
      const earlier = entries.slice(0, k).find((e) => e.start <= entry.end && entry.start <= e.end);
      if (earlier)
        emit(entry.at, `${capitalized(entry.what)} overlaps ${earlier.what}; Batch does not say which of two mappings applies to one exit code, so map each code once.`);
    });
  },
};

/** Known only when the BFF read the task's job (context.job); silent otherwise. */
export const exitJobActionNeedsJobOption: Rule<TaskFacts> = {
  code: "task.exitJobActionNeedsJobOption",
  area: "exit conditions",
  level: "error",
  summary: "A job action in the exit conditions needs a job whose onTaskFailure is performexitoptionsjobaction.",
  source: SOURCE_OPTIONS,
  check: (facts, emit) => {
    const job = facts.context.job;
    if (!job || job.onTaskFailure === "performexitoptionsjobaction") return;
    for (const { at, what, options } of exitOptionsOf(facts))
      if (options.jobAction !== undefined)
        emit(
          [...at, "jobAction"],
          `Job "${job.jobId}" takes no action when a task fails (onTaskFailure noaction), so Batch refuses a task that sets a job action, even "none"; leave the action for ${what} to Batch, or set the job's onTaskFailure to performexitoptionsjobaction.`,
          { fix: setFix(`Leave the job action for ${what} to Batch`, [...at, "jobAction"], undefined) },
        );
  },
};

/** A note, not an error: the action is harmless, but nothing waits on this task to be released or held. */
export const exitDependencyActionUnused: Rule<TaskFacts> = {
  code: "task.exitDependencyActionUnused",
  area: "exit conditions",
  level: "info",
  summary: "A dependency action matters only when the job uses task dependencies.",
  source: "Batch REST ExitOptions.dependencyAction: what Batch does with the tasks that depend on this one (satisfy or block); JobAddParameter.usesTaskDependencies.",
  check: (facts, emit) => {
    const job = facts.context.job;
    if (!job || job.usesTaskDependencies) return;
    for (const { at, what, options } of exitOptionsOf(facts))
      if (options.dependencyAction !== undefined)
        emit([...at, "dependencyAction"], `Job "${job.jobId}" does not use task dependencies, so no task can wait for this one: the dependency action for ${what} has no effect.`);
  },
};

export const exitConditionRules = [exitCodeRangeOrder, exitCodeOverlap, exitJobActionNeedsJobOption, exitDependencyActionUnused];
