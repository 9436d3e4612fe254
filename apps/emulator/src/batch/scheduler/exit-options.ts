/**
 * Which ExitOptions apply when a task completes, as the Batch REST reference (ExitConditions,
 * ExitOptions) describes it; see docs/azure-batch-notes.md#task-outcomes-and-dependencies.
 */
import type {
  DependencyAction,
  ExitConditionsWire,
  ExitOptionsWire,
  FailureInfoWire,
  JobAction,
} from "../model/types";

/** How a task ended, as far as its exit conditions care. */
export type TaskEnding =
  /** A process ran and exited (also a process Batch stopped: it has an exit code too). */
  | { kind: "exit"; exitCode: number }
  /** The task could not be started (resource files, container, program not found, …). */
  | { kind: "preProcessingError" }
  /** The process exited, then uploading its output files failed. */
  | { kind: "fileUploadError"; exitCode?: number };

export interface AppliedExitOptions {
  jobAction: JobAction;
  dependencyAction: DependencyAction;
}

/**
 * The failure code of an output-file upload failure (FileUploadError category codes start so);
 * any other failure without an exit code is a pre-processing error.
 */
export const isFileUploadFailure = (failure: FailureInfoWire): boolean =>
  failure.code.startsWith("FileUpload");

export function endingOf(exitCode: number | undefined, failure: FailureInfoWire | undefined): TaskEnding {
  if (failure && isFileUploadFailure(failure)) return { kind: "fileUploadError", exitCode };
  if (exitCode === undefined) return { kind: "preProcessingError" };
  return { kind: "exit", exitCode };
}

function byExitCode(c: ExitConditionsWire, code: number): ExitOptionsWire | undefined {
  return (
    c.exitCodes?.find((m) => m.code === code)?.exitOptions ??
    c.exitCodeRanges?.find((r) => code >= r.start && code <= r.end)?.exitOptions
  );
}

/**
 * The options in force: a listed exit code or range first (it also wins over a later file upload
 * error), then preProcessingError / fileUploadError, then `default` for anything but exit code 0.
 * Unset actions take Batch's defaults: none and satisfy for exit code 0, terminate and block
 * otherwise.
 */
export function exitOptionsFor(
  conditions: ExitConditionsWire | undefined,
  ending: TaskEnding,
): AppliedExitOptions {
  const c = conditions ?? {};
  const success = ending.kind === "exit" && ending.exitCode === 0;
  let chosen: ExitOptionsWire | undefined;
  if (ending.kind === "exit") chosen = byExitCode(c, ending.exitCode);
  else if (ending.kind === "fileUploadError")
    chosen =
      (ending.exitCode !== undefined ? byExitCode(c, ending.exitCode) : undefined) ?? c.fileUploadError;
  else chosen = c.preProcessingError;
  if (!chosen && !success) chosen = c.default;
  return {
    jobAction: chosen?.jobAction ?? (success ? "none" : "terminate"),
    dependencyAction: chosen?.dependencyAction ?? (success ? "satisfy" : "block"),
  };
}
