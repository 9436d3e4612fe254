/**
 * Installing application packages on a node, as a Linux Batch node does: the package blob is
 * downloaded from the account's auto-storage account and its zip extracted once per node into
 * `$AZ_BATCH_NODE_ROOT_DIR/applications/<id><version><activation time>`, and the task sees
 * `AZ_BATCH_APP_PACKAGE_<id>_<version>` (and `AZ_BATCH_APP_PACKAGE_<id>` when the reference took
 * the default version) pointing there. Names: "Deploy applications to compute nodes with Batch
 * application packages" (Microsoft Learn, "Execute the installed applications": on Linux `.`, `-`
 * and `#` become `_` and the id keeps its case) and a published environment dump of a Linux pool
 * node (`AZ_BATCH_APP_PACKAGE_flamenco_worker_2_2_1=/mnt/batch/tasks/applications/flamenco-worker2.2.12019-01-15-08-52`).
 *
 * The extraction is confined below the node root like every write of the emulator (links on the
 * way are refused, never followed), and a zip is refused whole when an entry is absolute, climbs
 * with `..` (zip slip) or is a symbolic link. A package that cannot be installed fails the task
 * with ApplicationPackageError (Batch's TaskFailureInformationCodes: "An error occurred when trying
 * to deploy a required application package"), category usererror like a resource file that cannot
 * be downloaded.
 */
import { randomUUID } from "node:crypto";
import { lstat, rename } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { BlobServiceClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import yauzl from "yauzl";
import type { AccountApplications, ResolvedPackage } from "../../applications/application-catalog";
import type { StorageAccountAccess } from "../../storage/local-storage";
import { pathComponents } from "../files/confined-path";
import { createFileBelow, makeDirsBelow, removeBelow } from "../files/confined-writes";
import type { ApplicationPackageReferenceWire } from "../model/types";
import type { RuntimeFailure } from "../runtime/task-runtime";
import { reasonOf } from "./transfer-failure";

export interface PackagePlace {
  /** The emulator's folder above every node root (confined writes stay below it). */
  anchor: string;
  /** The node root; packages go to its `applications` folder. */
  root: string;
  applications?: AccountApplications;
  autoStorage?: StorageAccountAccess;
  signal: AbortSignal;
}

/** Linux flattens `.`, `-` and `#` to `_` and keeps the id's case. */
const flatten = (s: string) => s.replace(/[.#-]/g, "_");
export const packageVariable = (applicationId: string, version?: string) =>
  `AZ_BATCH_APP_PACKAGE_${flatten(applicationId)}${version === undefined ? "" : `_${flatten(version)}`}`;

/** `<id><version><yyyy-MM-dd-HH-mm of the activation>`, as a Linux node names the folder. */
export const packageFolder = (p: ResolvedPackage) =>
  `${p.applicationId}${p.version}${p.lastActivationTime.slice(0, 16).replace(/[T:]/g, "-")}`;

class PackageRefused extends Error {}

function packageFailure(ref: ApplicationPackageReferenceWire, reason: string): RuntimeFailure {
  return {
    category: "usererror",
    code: "ApplicationPackageError",
    message: "An error occurred when trying to deploy a required application package.",
    details: [
      { name: "ApplicationPackageReference", value: `${ref.applicationId}:${ref.version ?? "(default)"}` },
      { name: "Message", value: reason },
    ],
  };
}

/**
 * Install each referenced package (those already on the node are reused) and return their
 * variables, or the first failure.
 */
export async function installApplicationPackages(
  refs: readonly ApplicationPackageReferenceWire[] | undefined,
  place: PackagePlace,
): Promise<{ env: Record<string, string> } | { failure: RuntimeFailure }> {
  const env: Record<string, string> = {};
  for (const ref of refs ?? []) {
    const resolved = place.applications?.resolve(ref.applicationId, ref.version) ?? {
      problem: "The account has no applications.",
    };
    if ("problem" in resolved) return { failure: packageFailure(ref, resolved.problem) };
    if (!place.autoStorage)
      return { failure: packageFailure(ref, "The account has no auto-storage account to download from.") };
    const p = resolved.found;
    const folder = join(place.root, "applications", packageFolder(p));
    try {
      await installOnce(p, folder, place.autoStorage, place);
    } catch (e) {
      return { failure: packageFailure(ref, e instanceof PackageRefused ? e.message : reasonOf(e)) };
    }
    env[packageVariable(p.applicationId, p.version)] = folder;
    if (p.viaDefault) env[packageVariable(p.applicationId)] = folder;
  }
  return { env };
}

const isFolder = async (path: string) => (await lstat(path).catch(() => undefined))?.isDirectory() ?? false;

/**
 * Download and extract into a fresh folder beside the final one, then rename it into place, so a
 * half-extracted package is never seen and two tasks installing it at once both end up with one.
 */
async function installOnce(
  p: ResolvedPackage,
  folder: string,
  storage: StorageAccountAccess,
  place: PackagePlace,
): Promise<void> {
  const { anchor, signal } = place;
  if (await isFolder(folder)) return;
  await makeDirsBelow(anchor, dirname(folder));
  const staging = join(dirname(folder), `.installing-${randomUUID()}`);
  const zipPath = `${staging}.zip`;
  try {
    const blob = new BlobServiceClient(
      storage.blobEndpoint,
      new StorageSharedKeyCredential(storage.name, storage.key),
    )
      .getContainerClient(p.container)
      .getBlobClient(p.blobName);
    const download = await blob.download(0, undefined, { abortSignal: signal });
    if (!download.readableStreamBody) throw new PackageRefused("The package blob has no content.");
    const zipFile = await createFileBelow(anchor, zipPath, 0o600);
    await pipeline(download.readableStreamBody, zipFile.createWriteStream(), { signal });
    await makeDirsBelow(anchor, staging);
    await extractConfined(zipPath, staging, anchor, signal);
    try {
      await rename(staging, folder);
    } catch (e) {
      // Another attempt on this node installed it first.
      if (!(await isFolder(folder))) throw e;
    }
  } finally {
    await removeBelow(anchor, zipPath).catch(() => undefined);
    await removeBelow(anchor, staging).catch(() => undefined);
  }
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** The entry's Unix mode when the zip was made on Unix, else rwxr-xr-x (packages hold programs). */
function fileMode(entry: yauzl.Entry): number {
  const madeOnUnix = entry.versionMadeBy >> 8 === 3;
  const mode = (entry.externalFileAttributes >>> 16) & 0o777;
  return madeOnUnix && mode !== 0 ? mode : 0o755;
}

async function extractConfined(zipPath: string, dest: string, anchor: string, signal: AbortSignal) {
  let zip: yauzl.ZipFile;
  try {
    // yauzl refuses absolute names, backslashes and ".." components (validateFileName).
    zip = await yauzl.openPromise(zipPath, { validateEntrySizes: true });
  } catch (e) {
    throw new PackageRefused(
      `The package is not a valid zip file: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  try {
    for await (const entry of zip.eachEntry()) {
      if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK)
        throw new PackageRefused(`The package holds a symbolic link (${entry.fileName}), which is refused.`);
      const target = join(dest, ...pathComponents(entry.fileName));
      if (entry.fileName.endsWith("/")) {
        await makeDirsBelow(anchor, target);
        continue;
      }
      await makeDirsBelow(anchor, dirname(target));
      const mode = fileMode(entry);
      const handle = await createFileBelow(anchor, target, mode);
      // The umask narrowed the mode given at creation.
      await handle.chmod(mode).catch(async (e: unknown) => {
        await handle.close();
        throw e;
      });
      await pipeline(await zip.openReadStreamPromise(entry), handle.createWriteStream(), { signal });
    }
  } catch (e) {
    if (e instanceof PackageRefused) throw e;
    if (e instanceof Error && /absolute path|invalid relative path|invalid characters/.test(e.message))
      throw new PackageRefused(`The package holds an entry outside its folder: ${e.message}`);
    throw e;
  } finally {
    zip.close();
  }
}
