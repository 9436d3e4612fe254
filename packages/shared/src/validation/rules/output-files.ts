import type { Rule } from "../rule";
import type { TaskDataFacts } from "../task-data-facts";

/** Variables that name the task's own folders, which Batch expands in a pattern before matching. */
const TASK_FOLDER_VARIABLE = /^\$\{?AZ_BATCH_TASK_(DIR|WORKING_DIR)\}?(\/|$)/;

/**
 * Why a pattern can match nothing the task writes, or undefined. Patterns are relative to the
 * working directory; "../" reaches the task folder (stdout.txt, stderr.txt), not beyond it.
 */
const outsideTheTask = (pattern: string): string | undefined => {
  if (TASK_FOLDER_VARIABLE.test(pattern)) return undefined;
  if (/^([/\\]|[A-Za-z]:)/.test(pattern)) return "is an absolute path outside the task's folder";
  const segments = pattern.split(/[/\\]/);
  let depth = 0;
  for (const segment of segments) {
    depth += segment === ".." ? -1 : segment === "." || segment === "" ? 0 : 1;
    if (depth < -1) return "climbs above the task's folder";
  }
  return undefined;
};

export const outputFilePatternInTask: Rule<TaskDataFacts> = {
  code: "outputFile.patternOutsideTask",
  area: "output files",
  level: "warning",
  summary:
    "An output file pattern can match files the task writes (inside its working directory or task folder).",
  source:
    'Batch REST OutputFile.filePattern (2022-10-01): relative paths are relative to the task working directory; "..\\std*.txt" reaches the std files one level up; Batch uploads nothing it cannot match.',
  check: ({ dataSets }, emit) => {
    for (const { at, outputFiles } of dataSets)
      (outputFiles ?? []).forEach((file, i) => {
        const reason = outsideTheTask(file.filePattern);
        if (reason)
          emit(
            [...at, "outputFiles", i, "filePattern"],
            `The pattern "${file.filePattern}" ${reason}, so it matches nothing the task writes and nothing will be uploaded; use a path relative to the working directory (e.g. "out/**/*" or "../std*.txt").`,
          );
      });
  },
};

export const outputFileRules = [outputFilePatternInTask];
