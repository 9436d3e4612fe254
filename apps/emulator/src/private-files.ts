/**
 * Files and folders the emulator keeps under its data folder hold keys, secrets and the state of
 * other people's workloads, so only the user running the emulator may read them: folders 0700,
 * files 0600. Modes are set explicitly (not left to the umask) and tightened on folders and files
 * an older emulator created more loosely.
 */
import { chmod, mkdir, readdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Create the folder (and its parents) as 0700; an existing folder is tightened to 0700. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await chmod(dir, PRIVATE_DIR_MODE);
}

/** Replace a file atomically with 0600 contents (a crash leaves the old file or the new one). */
export async function writePrivateFile(file: string, data: string): Promise<void> {
  const tmp = `${file}.tmp`;
  await writeFile(tmp, data, { mode: PRIVATE_FILE_MODE });
  // A leftover .tmp from a crash keeps its old mode through writeFile.
  await chmod(tmp, PRIVATE_FILE_MODE);
  await rename(tmp, file);
}

/** Tighten every folder and file below `dir` (for stores a library writes with its own modes). */
export async function tightenTree(dir: string): Promise<void> {
  await chmod(dir, PRIVATE_DIR_MODE);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) await tightenTree(path);
    else if (entry.isFile()) await chmod(path, PRIVATE_FILE_MODE);
  }
}
