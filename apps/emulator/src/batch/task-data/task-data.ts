/**
 * The two data steps around a task's command, shared by every kind of task (tasks and start tasks
 * today; job manager, preparation and release tasks reuse them): resource files before the command
 * runs, output files after its process exits and before the task completes. The files live on the
 * host below the node root, which the docker runtime bind-mounts at the same path, so both steps
 * are the same for both runtimes.
 */
import { relative } from "node:path";
import type { StorageAccountAccess } from "../../storage/local-storage";
import { resolveConfined } from "../files/confined-path";
import type { OutputFileWire, ResourceFileWire } from "../model/types";
import type { RunResult, RuntimeFailure } from "../runtime/task-runtime";
import { uploadOutputFiles } from "./output-files";
import { downloadResourceFiles } from "./resource-files";
import { transferFailure } from "./transfer-failure";

export interface TaskData {
  resourceFiles?: readonly ResourceFileWire[];
  outputFiles?: readonly OutputFileWire[];
}

export interface TaskFolders {
  /** The emulator's folder above every node root (confined writes stay below it). */
  anchor: string;
  taskDir: string;
  workingDir: string;
  /** The task's environment (output file patterns may name its variables). */
  env: Readonly<Record<string, string>>;
}

/** Before the command: download the resource files; a failure means the command must not run. */
export function prepareTaskData(
  data: TaskData | undefined,
  folders: TaskFolders,
  autoStorage: StorageAccountAccess | undefined,
  signal: AbortSignal,
): Promise<RuntimeFailure | undefined> {
  if (!data?.resourceFiles?.length) return Promise.resolve(undefined);
  return downloadResourceFiles(data.resourceFiles, {
    anchor: folders.anchor,
    workingDir: folders.workingDir,
    autoStorage,
    signal,
  });
}

/**
 * After the process exited: upload the due output files. The result is the run's, with the upload
 * failure as the task's failure when one failed. Nothing is uploaded for a task that never ran
 * (a pre-processing failure) or was stopped.
 */
export async function saveTaskOutputs(
  data: TaskData | undefined,
  folders: TaskFolders,
  result: RunResult,
  signal: AbortSignal,
): Promise<RunResult> {
  if (!data?.outputFiles?.length || result.failure || result.exitCode === undefined || signal.aborted)
    return result;
  let taskFolder;
  try {
    // Checked once with no link allowed: a task folder swapped for a link uploads nothing.
    taskFolder = await resolveConfined(folders.anchor, relative(folders.anchor, folders.taskDir), {
      symlinks: "never",
    });
  } catch {
    return {
      ...result,
      failure: transferFailure("FileUploadMiscError", "", "The task folder is not a folder any more"),
    };
  }
  const failure = await uploadOutputFiles(data.outputFiles, result.exitCode, {
    taskFolder,
    taskDir: folders.taskDir,
    env: folders.env,
    signal,
  });
  return failure ? { ...result, failure } : result;
}
