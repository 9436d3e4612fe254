/**
 * Resource files: downloaded into the task's working directory before its command runs (REST
 * "Task - Add", ResourceFile). `httpUrl` is one file at `filePath`; a container
 * (`storageContainerUrl` with a SAS, or `autoStorageContainerName` in the account's auto-storage
 * account) gives every blob under `blobPrefix`, at `filePath/<blob name>`. Files get `fileMode`,
 * 0770 when absent, as on Linux nodes.
 *
 * The working directory is the task's (and with the docker runtime a bind mount), so every write
 * goes through the confined writes: a link the task or an earlier attempt left on the way is
 * refused, never followed, and a blob name that climbs out ("../x") is refused too.
 */
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ContainerClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import type { StorageAccountAccess } from "../../storage/local-storage";
import { pathComponents } from "../files/confined-path";
import { createFileBelow, makeDirsBelow } from "../files/confined-writes";
import type { ResourceFileWire } from "../model/types";
import type { RuntimeFailure } from "../runtime/task-runtime";
import { downloadCode, HttpStatusError, reasonOf, transferFailure } from "./transfer-failure";

export interface DownloadPlace {
  /** The emulator's own folder above every node root: writes are confined below it. */
  anchor: string;
  /** Host path of the task's working directory. */
  workingDir: string;
  /** The account's auto-storage account, for autoStorageContainerName. */
  autoStorage?: StorageAccountAccess;
  signal: AbortSignal;
}

const DEFAULT_MODE = 0o770;

/** Download every resource file; the first failure ends the step (the command then does not run). */
export async function downloadResourceFiles(
  files: readonly ResourceFileWire[],
  place: DownloadPlace,
): Promise<RuntimeFailure | undefined> {
  for (const file of files) {
    const failure = await downloadOne(file, place);
    if (failure || place.signal.aborted) return failure;
  }
  return undefined;
}

async function downloadOne(
  file: ResourceFileWire,
  place: DownloadPlace,
): Promise<RuntimeFailure | undefined> {
  const mode = file.fileMode ? parseInt(file.fileMode, 8) : DEFAULT_MODE;
  const base = file.filePath ?? "";
  if (file.httpUrl !== undefined) {
    const url = file.httpUrl;
    return attempt(base, url, false, () => writeFrom(place, base, mode, () => httpBody(url, place.signal)));
  }
  const container = containerOf(file, place);
  if (!container)
    return transferFailure("ResourceContainerAccessDenied", base, "The account has no auto-storage account.");
  const url = file.storageContainerUrl ?? container.url;
  return attempt(base, url, true, async () => {
    for await (const blob of container.listBlobsFlat({
      prefix: file.blobPrefix,
      abortSignal: place.signal,
    })) {
      const target = [base, blob.name].filter(Boolean).join("/");
      const client = container.getBlobClient(blob.name);
      const failure = await attempt(target, url, false, () =>
        writeFrom(place, target, mode, async () => {
          const r = await client.download(0, undefined, { abortSignal: place.signal });
          if (!r.readableStreamBody) throw new HttpStatusError(500, url);
          return r.readableStreamBody;
        }),
      );
      if (failure) return failure;
    }
    return undefined;
  });
}

function containerOf(file: ResourceFileWire, place: DownloadPlace): ContainerClient | undefined {
  if (file.storageContainerUrl !== undefined) return new ContainerClient(file.storageContainerUrl);
  const auto = place.autoStorage;
  if (!auto || file.autoStorageContainerName === undefined) return undefined;
  return new ContainerClient(
    `${auto.blobEndpoint}/${file.autoStorageContainerName}`,
    new StorageSharedKeyCredential(auto.name, auto.key),
  );
}

/** Run one step; a thrown error becomes the task's failure, named by file and by URL without its SAS. */
async function attempt(
  filePath: string,
  url: string,
  listing: boolean,
  step: () => Promise<RuntimeFailure | undefined | void>,
): Promise<RuntimeFailure | undefined> {
  try {
    return (await step()) ?? undefined;
  } catch (e) {
    return transferFailure(downloadCode(e, listing), filePath, reasonOf(e, url));
  }
}

async function httpBody(url: string, signal: AbortSignal): Promise<NodeJS.ReadableStream> {
  const res = await fetch(url, { signal, redirect: "follow" });
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw new HttpStatusError(res.status, url);
  }
  return Readable.fromWeb(res.body);
}

/** Stream a source into `rel` below the working directory, replacing what is there. */
async function writeFrom(
  place: DownloadPlace,
  rel: string,
  mode: number,
  open: () => Promise<NodeJS.ReadableStream>,
): Promise<void> {
  // Refuses "..", absolute names and NUL before anything is fetched.
  const target = join(place.workingDir, ...pathComponents(rel));
  const source = await open();
  await makeDirsBelow(place.anchor, dirname(target));
  const handle = await createFileBelow(place.anchor, target, mode);
  try {
    // The umask narrowed the mode given at creation.
    await handle.chmod(mode);
  } catch (e) {
    await handle.close();
    throw e;
  }
  // The stream owns the descriptor from here and closes it, also when the copy fails.
  await pipeline(source, handle.createWriteStream(), { signal: place.signal });
}
