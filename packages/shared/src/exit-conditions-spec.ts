import { z } from "zod";

/*
 * How Batch answers a task's ending (Batch REST "Task - Add" ExitConditions): a listed exit code or
 * range of codes, a failure to start (pre-processing error), a failed output upload, or any other
 * non-zero exit code (default). Each maps to ExitOptions; an unset action takes Batch's default.
 */

/** Batch exit codes are 32-bit signed integers (Windows reports negative ones). */
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

const exitCode = (what: string) =>
  z
    .number({ error: `${what} is a whole number` })
    .int(`${what} is a whole number`)
    .min(INT32_MIN, `${what} is at least ${INT32_MIN} (exit codes are 32-bit)`)
    .max(INT32_MAX, `${what} is at most ${INT32_MAX} (exit codes are 32-bit)`);

/** What the task's ending does to its job: nothing, disable it (requeueing its tasks) or terminate it. */
export const JobAction = z.enum(["none", "disable", "terminate"], { error: "jobAction is none, disable or terminate" });
export type JobAction = z.infer<typeof JobAction>;

/** Whether tasks that depend on this one may run (satisfy) or keep waiting (block). */
export const DependencyAction = z.enum(["satisfy", "block"], { error: "dependencyAction is satisfy or block" });
export type DependencyAction = z.infer<typeof DependencyAction>;

/** Unset = Batch's default: none and satisfy for exit code 0, terminate and block for anything else. */
export const ExitOptionsSpec = z.object({
  jobAction: JobAction.optional(),
  dependencyAction: DependencyAction.optional(),
});
export type ExitOptionsSpec = z.infer<typeof ExitOptionsSpec>;

export const ExitCodeMappingSpec = z.object({
  code: exitCode("An exit code"),
  exitOptions: ExitOptionsSpec.default({}),
});
export type ExitCodeMappingSpec = z.infer<typeof ExitCodeMappingSpec>;

/** Inclusive at both ends; a start above its end is a rule's error (task.exitCodeRangeOrder). */
export const ExitCodeRangeMappingSpec = z.object({
  start: exitCode("A range's start"),
  end: exitCode("A range's end"),
  exitOptions: ExitOptionsSpec.default({}),
});
export type ExitCodeRangeMappingSpec = z.infer<typeof ExitCodeRangeMappingSpec>;

export const ExitConditionsSpec = z.object({
  exitCodes: z.array(ExitCodeMappingSpec).default([]),
  exitCodeRanges: z.array(ExitCodeRangeMappingSpec).default([]),
  preProcessingError: ExitOptionsSpec.optional(),
  fileUploadError: ExitOptionsSpec.optional(),
  default: ExitOptionsSpec.optional(),
});
export type ExitConditionsSpec = z.infer<typeof ExitConditionsSpec>;
export type ExitConditionsSpecInput = z.input<typeof ExitConditionsSpec>;

/** The three endings that are not an exit code, in the order Batch's reference lists them. */
export const EXIT_ENDINGS = ["preProcessingError", "fileUploadError", "default"] as const;
export type ExitEnding = (typeof EXIT_ENDINGS)[number];
