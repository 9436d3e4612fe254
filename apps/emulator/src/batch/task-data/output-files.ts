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

/** The pattern relative to the task folder ("../std*.txt" → "std*.txt", "out/*.csv" → "wd/out/*.csv"). */
export const taskFolderPattern = (pattern: string) => posix.normalize(`wd/${pattern}`);

/** Upload every due output file; all are attempted, the first failure is the task's. */
export async function uploadOutputFiles(
  files: readonly OutputFileWire[],
  exitCode: number,
  taskFolder: ConfinedBase,
  signal: AbortSignal,
): Promise<RuntimeFailure | undefined> {
  let first: RuntimeFailure | undefined;
  for (const file of files.filter((f) => uploadDue(f, exitCode))) {
    const pattern = taskFolderPattern(file.filePattern);
    const url = file.destination.container.containerUrl;
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
