/**
 * The emulator's own writes and deletes in node folders: preparing a task attempt's folders and
 * output files, appending a running task's output, and removing task, job, node and pool folders.
 * Tasks write these folders (with the docker runtime the node root is a bind mount), so a task can
 * leave a link where the emulator will write (`ln -sf /etc/passwd stdout.txt` before failing, so that
 * its retry truncates the host file) or swap a folder for a link before or during a delete. Every
 * such operation therefore names its target by an absolute path below an anchor folder of the
 * emulator's own, and goes through the confined resolver with no link accepted on the way: the
 * folder holding the target is opened and checked, and the target is then addressed through that
 * descriptor, never by following a link. Refusals are ConfinedPathErrors.
 */
import { constants } from "node:fs";
import { rmdir, unlink, type FileHandle } from "node:fs/promises";
import { relative } from "node:path";
import { ConfinedDir, ConfinedPathError, pathComponents } from "./confined-path";

const NO_LINKS = { symlinks: "never" } as const;

/** The components of `path` below `anchor`; `path` must be strictly below it. */
function below(anchor: string, path: string): string[] {
  const parts = pathComponents(relative(anchor, path));
  if (!parts.length) throw new ConfinedPathError("invalid", path);
  return parts;
}

/** Run `use` on the opened folder holding `path`, and the entry's name in it. */
async function inParent<T>(
  anchor: string,
  path: string,
  use: (dir: ConfinedDir, name: string) => Promise<T>,
): Promise<T> {
  const parts = below(anchor, path);
  const dir = await ConfinedDir.open(anchor, parts.slice(0, -1).join("/"), NO_LINKS);
  try {
    return await use(dir, parts.at(-1) ?? "");
  } finally {
    await dir.close();
  }
}

const unlessGone = (e: unknown) => {
  if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
};

/** The folder `path` below `anchor` and the ones above it, made where missing; a link on the way is refused. */
export async function makeDirsBelow(anchor: string, path: string): Promise<void> {
  let dir = await ConfinedDir.open(anchor, "", NO_LINKS);
  try {
    for (const name of below(anchor, path)) {
      const next = await dir.makeDir(name);
      await dir.close();
      dir = next;
    }
  } finally {
    await dir.close();
  }
}

/**
 * A new empty file at `path`, in place of whatever entry is there: a previous attempt's output, or a
 * link a task left to get its next attempt to truncate what it points to (the link is removed, its
 * target never opened). Each attempt of a task thus starts with output files of its own.
 */
export async function freshFileBelow(anchor: string, path: string): Promise<void> {
  await (await createFileBelow(anchor, path)).close();
}

/**
 * A new file at `path` opened for writing (a downloaded resource file), in place of whatever entry
 * was there, as freshFileBelow makes it; the caller writes and closes it.
 */
export function createFileBelow(anchor: string, path: string, mode = 0o644): Promise<FileHandle> {
  return inParent(anchor, path, async (dir, name) => {
    await unlink(dir.child(name)).catch(unlessGone);
    // O_EXCL: if anything took the name since, it is refused rather than opened.
    return dir.openFile(name, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  });
}

/**
 * A task's output file, opened for the runtime to append to while the task runs (made when missing);
 * a link there or anywhere on the way is refused.
 */
export function openOutput(anchor: string, path: string): Promise<FileHandle> {
  const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT;
  return inParent(anchor, path, (dir, name) => dir.openFile(name, flags));
}

/**
 * Empty a folder through descriptors, so a folder swapped for a link mid-way is never entered (it is
 * left, and the folder above then is not empty). Links are removed themselves.
 */
export async function emptyFolder(dir: ConfinedDir): Promise<void> {
  for (const name of await dir.names()) {
    const stats = await dir.lstat(name);
    if (!stats) continue;
    if (!stats.isDirectory()) {
      await unlink(dir.child(name)).catch(unlessGone);
      continue;
    }
    const sub = await dir.openDir(name).catch(() => undefined);
    if (!sub) continue;
    try {
      await emptyFolder(sub);
    } finally {
      await sub.close();
    }
    await rmdir(dir.child(name)).catch(() => undefined);
  }
}

/**
 * `rm -rf path`, confined below `anchor`: what is gone already is no error; a link (at `path` or
 * inside it) is removed itself, never followed; a link in place of a folder above `path` refuses the
 * delete, and what a swap kept out of reach mid-way is left (the delete then fails: ENOTEMPTY).
 */
export async function removeBelow(anchor: string, path: string): Promise<void> {
  try {
    await inParent(anchor, path, async (dir, name) => {
      const stats = await dir.lstat(name);
      if (!stats) return;
      if (!stats.isDirectory()) return unlink(dir.child(name)).catch(unlessGone);
      const sub = await dir.openDir(name);
      try {
        await emptyFolder(sub);
      } finally {
        await sub.close();
      }
      await rmdir(dir.child(name)).catch(unlessGone);
    });
  } catch (e) {
    if (e instanceof ConfinedPathError && e.reason === "missing") return;
    throw e;
  }
}
