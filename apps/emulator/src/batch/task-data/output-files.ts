/**
 * Output files: after the task's process exits and before the task completes, the files its
 * patterns match are uploaded to their containers when the upload condition holds (REST "Task -
 * Add", OutputFile; Microsoft Learn "Persist task data to Azure Storage with the Batch service
 * API"). Patterns are relative to the working directory; `..` reaches the task folder with
 * stdout.txt and stderr.txt, and no further. Every file is read through a descriptor opened
 * without following links.
 */
import { constants } from "node:fs";
import { posix } from "node:path";
import { ContainerClient, type BlobHTTPHeaders } from "@azure/storage-blob";
import picomatch from "picomatch";
import { ConfinedDir, type ConfinedBase } from "../files/confined-path";
import type { NameValue, OutputFileWire } from "../model/types";
import type { RuntimeFailure } from "../runtime/task-runtime";
import { findFiles, type FoundFile } from "./confined-glob";
import { reasonOf, transferFailure, uploadCode } from "./transfer-failure";

/** Block size and parallel blocks of one upload: memory stays at their product per file. */
const BLOCK_BYTES = 8 * 1024 * 1024;
const PARALLEL_BLOCKS = 4;

/** Whether an output file is due, by how the process exited. */
export function uploadDue(file: OutputFileWire, exitCode: number): boolean {
  const c = file.uploadOptions.uploadCondition;
  return c === "taskcompletion" || (c === "tasksuccess" ? exitCode === 0 : exitCode !== 0);
}

/** The blob a found file goes to: `path` itself for a single-file pattern, else `path/<below base>`. */
export function blobName(file: OutputFileWire, found: FoundFile, single: boolean): string {
  const path = file.destination.container.path?.replace(/\/+$/, "");
  if (single) return path || found.name;
  return path ? `${path}/${found.fromBase}` : found.fromBase;
}

type TextHeader = Exclude<keyof BlobHTTPHeaders, "blobContentMD5">;

const HEADER_FIELDS: Record<string, TextHeader> = {
  "content-type": "blobContentType",
  "content-encoding": "blobContentEncoding",
  "content-language": "blobContentLanguage",
  "content-disposition": "blobContentDisposition",
  "cache-control": "blobCacheControl",
};

function httpHeaders(headers: readonly NameValue[] | undefined): BlobHTTPHeaders {
  const out: BlobHTTPHeaders = {};
  for (const h of headers ?? []) {
    const field = HEADER_FIELDS[h.name.toLowerCase()];
    if (field) out[field] = h.value;
  }
  return out;
}

/** `$VAR` and `${VAR}` replaced from the task's environment, as Batch expands them on Linux (unknown ones stay). */
export const expandVariables = (pattern: string, env: Readonly<Record<string, string>>) =>
  pattern.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (all, braced?: string, bare?: string) => {
      const value = env[braced ?? bare ?? ""];
      return value ?? all;
    },
  );

/**
 * The pattern relative to the task folder ("../std*.txt" → "std*.txt", "out/*.csv" → "wd/out/*.csv");
 * an absolute one (after expansion, e.g. "$AZ_BATCH_TASK_DIR/x") must lie in the task folder.
 * Undefined when it leads out of it: the emulator reads nothing of the node outside the task folder.
 */
export function taskFolderPattern(pattern: string, taskDir: string): string | undefined {
  const rel = pattern.startsWith("/")
    ? posix.relative(taskDir, posix.normalize(pattern))
    : posix.normalize(`wd/${pattern}`);
  return rel === ".." || rel.startsWith("../") || rel.startsWith("/") ? undefined : rel;
}

export interface UploadPlace {
  /** The task folder, resolved and checked with no link on the way. */
  taskFolder: ConfinedBase;
  /** Its host path, for absolute patterns. */
  taskDir: string;
  /** The task's environment, for `$VAR` in patterns. */
  env: Readonly<Record<string, string>>;
  signal: AbortSignal;
}

export async function uploadOutputFiles(
  files: readonly OutputFileWire[],
  exitCode: number,
  place: UploadPlace,
): Promise<RuntimeFailure | undefined> {
  const { taskFolder, signal } = place;
  let first: RuntimeFailure | undefined;
  for (const file of files.filter((f) => uploadDue(f, exitCode))) {
    const pattern = taskFolderPattern(expandVariables(file.filePattern, place.env), place.taskDir);
    const url = file.destination.container.containerUrl;
    if (pattern === undefined) {
      first ??= transferFailure(
        "FileUploadMiscError",
        file.filePattern,
        "The pattern leads outside the task's folder, which the emulator does not upload from",
      );
      continue;
    }
    try {
      const found = await findFiles(taskFolder, pattern);
      const single = !picomatch.scan(pattern).isGlob;
      const container = new ContainerClient(url);
      for (const f of found) {
        if (signal.aborted) return first;
        await uploadOne(taskFolder, f, container.getBlockBlobClient(blobName(file, f, single)), file, signal);
      }
    } catch (e) {
      first ??= transferFailure(uploadCode(e), file.filePattern, reasonOf(e, url));
    }
  }
  return first;
}

async function uploadOne(
  taskFolder: ConfinedBase,
  found: FoundFile,
  blob: ReturnType<ContainerClient["getBlockBlobClient"]>,
  file: OutputFileWire,
  signal: AbortSignal,
): Promise<void> {
  const folder = await ConfinedDir.open(taskFolder, found.dir, { symlinks: "never" });
  try {
    const handle = await folder.openFile(found.name, constants.O_RDONLY);
    try {
      await blob.uploadStream(handle.createReadStream({ autoClose: false }), BLOCK_BYTES, PARALLEL_BLOCKS, {
        abortSignal: signal,
        blobHTTPHeaders: httpHeaders(file.destination.container.uploadHeaders),
      });
    } finally {
      await handle.close();
    }
  } finally {
    await folder.close();
  }
}
