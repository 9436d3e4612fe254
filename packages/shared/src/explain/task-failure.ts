import { formatIsoDuration, parseIsoDuration } from "../grammar/iso-duration";
import type { TaskSpec } from "../task-spec";
import type { SpecPath } from "../validation-result";

/**
 * What a failed task's Batch failure code says about its spec: the field at fault, the file that
 * explains it, and, where one change is the likely cure, that change for "Re-add with this fix".
 * Codes and categories as Batch reports them (Microsoft Learn "Job and task error checking";
 * Batch REST TaskFailureInformation and its error codes).
 */
export interface FailureExplanation {
  code: string;
  title: string;
  detail: string;
  /** The spec field to look at, for highlighting it in the task form. */
  field?: SpecPath;
  /** A task file that says more (stderr.txt after a non-zero exit). */
  file?: "stderr.txt" | "stdout.txt";
  /** A fix the form can apply before re-adding; absent when only the operator knows the cure. */
  fix?: { label: string; apply(spec: TaskSpec): TaskSpec };
}

export interface FailedTask {
  failure?: { category?: string; code?: string; message?: string };
  exitCode?: number;
  maxWallClockTime?: string;
}

/** Twice the limit the task was stopped at (at least 30 minutes more), for a task that ran out of time. */
const longer = (limit: string | undefined): string | undefined => {
  const ms = limit === undefined ? undefined : parseIsoDuration(limit);
  return ms === undefined ? undefined : formatIsoDuration(Math.max(ms * 2, ms + 30 * 60_000));
};

const IMAGE: SpecPath = ["containerSettings", "imageName"];

/** Undefined for a task that did not fail, or whose failure says nothing about its spec. */
export function explainTaskFailure(task: FailedTask): FailureExplanation | undefined {
  const code = task.failure?.code;
  const message = task.failure?.message ?? "";
  if (!code) return undefined;
  switch (code) {
    case "ContainerInvalidImage":
      return {
        code,
        title: "The container image could not be pulled",
        detail: "Check the image's name and tag, that the pool prefetches it or can reach it, and that the pool (or the task) has credentials for its registry.",
        field: IMAGE,
      };
    case "ContainerInvalidRegistry":
      return {
        code,
        title: "The registry refused the login",
        detail: "The credentials for the image's registry are wrong or expired: fix them on the pool (pool registries) or give the task its own login.",
        field: ["containerSettings", "registry"],
      };
    case "ContainerInvalidSettings":
      return {
        code,
        title: "Docker refused the container settings",
        detail: "The container run options are not valid `docker create` arguments, or conflict with the ones Batch sets.",
        field: ["containerSettings", "runOptions"],
      };
    case "CommandProgramNotFound":
      return {
        code,
        title: "The command's program was not found",
        detail: "The first word of the command line is not a program in the container (or on the node); use an absolute path, or /bin/sh -c '…'.",
        field: ["commandLine"],
      };
    case "FailureExitCode":
      return {
        code,
        title: `The task exited with code ${task.exitCode ?? "≠ 0"}`,
        detail: "Its stderr usually says why; the command line is what ran.",
        field: ["commandLine"],
        file: "stderr.txt",
      };
    case "TaskEnded": {
      if (!/wall clock/i.test(message)) return undefined;
      const next = longer(task.maxWallClockTime);
      return {
        code,
        title: "The task ran out of time",
        detail: `Batch stopped it at its time limit${task.maxWallClockTime ? ` (${task.maxWallClockTime})` : ""}.`,
        field: ["constraints", "maxWallClockTime"],
        ...(next ? { fix: { label: `Allow ${next}`, apply: (spec: TaskSpec) => ({ ...spec, constraints: { ...spec.constraints, maxWallClockTime: next } }) } } : {}),
      };
    }
    case "ApplicationPackageError":
      return { code, title: "An application package could not be installed", detail: message || "Check the package reference.", field: ["applicationPackages"] };
  }
  if (task.failure?.category?.toLowerCase() === "usererror" && /^(BlobDownload|ResourceContainer|BlobNotFound|BlobAccessDenied)/.test(code))
    return { code, title: "An input file could not be downloaded", detail: message || "Check the resource file's URL or container and its SAS.", field: ["resourceFiles"] };
  if (/^FileUpload/.test(code) || code === "fileUploadError")
    return { code, title: "An output file could not be uploaded", detail: message || "Check the destination container and its SAS.", field: ["outputFiles"] };
  return undefined;
}

/** The id a re-added task gets: "render" → "render-2", "render-2" → "render-3". */
export const nextTaskId = (id: string): string => {
  const m = /^(.*)-(\d+)$/.exec(id);
  const next = m ? `${m[1]}-${Number(m[2]) + 1}` : `${id}-2`;
  return next.length <= 64 ? next : `${id.slice(0, 60)}-2`;
};
