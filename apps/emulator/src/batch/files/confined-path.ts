/**
 * Paths that cannot leave a base directory, even when what is inside the base is written by a hostile
 * task. A task can put symbolic links in its folder (`ln -s / rootlink`), and with the docker runtime
 * that folder is a bind mount, so following such a link from the emulator would read or delete the
 * host's files. Every use of a task-written path goes through here:
 *
 * - `resolveConfined` walks the path one component at a time with `lstat`. A link is followed only
 *   when its real target is still inside the base (or refused outright with `symlinks: "never"`).
 * - `openResolved` opens the result with O_NOFOLLOW and then checks the opened descriptor: its
 *   device and inode must be the ones the walk saw, and its real location must be inside the base.
 *   A link or folder swapped in between the walk and the open therefore cannot redirect the open.
 * - `ConfinedDir` is an opened, checked folder. Its children are addressed through the descriptor
 *   (`/proc/self/fd/N/name` on Linux), so listing, deleting or creating in it cannot be redirected
 *   by a swap of any folder above it. `makeDir` and `openFile` are for writers (a file a task will
 *   read, an extracted archive): step down with `makeDir`, then create with `openFile`.
 *
 * Every refusal is a ConfinedPathError; callers turn it into their own error (the file API answers
 * 404 FileNotFound, as Batch does for a path that is not there).
 */
import { constants, existsSync, type BigIntStats } from "node:fs";
import { lstat, mkdir, open, readdir, readlink, realpath, type FileHandle } from "node:fs/promises";
import { join, posix, sep } from "node:path";

export type ConfinedReason = "invalid" | "missing" | "outside" | "changed";

export class ConfinedPathError extends Error {
  constructor(
    readonly reason: ConfinedReason,
    readonly path: string,
  ) {
    super(`${REASONS[reason]}: ${path}`);
  }
}

const REASONS: Record<ConfinedReason, string> = {
  invalid: "Not a usable path",
  missing: "No such file or directory",
  outside: "The path leads outside its base directory",
  changed: "The path changed while it was being opened",
};

export interface ResolvedPath {
  /** The base's real path. */
  base: string;
  /** The real absolute path of the entry (the base itself for an empty path). */
  real: string;
  /** The entry's own metadata (lstat: for a link kept with `followLast: false`, the link's). */
  stats: BigIntStats;
}

export interface ResolveOptions {
  /** "inside" (default): follow a link whose real target is inside the base. "never": refuse every link. */
  symlinks?: "inside" | "never";
  /** false: a link in the last place is the entry itself (to delete it); default true. */
  followLast?: boolean;
}

/** Whether `path` is `base` or below it (both real, absolute). */
export function contains(base: string, path: string): boolean {
  if (path === base) return true;
  return path.startsWith(base.endsWith(sep) ? base : base + sep);
}

/**
 * The components of a "/"-separated relative path, normalized lexically; ".." may not climb above the
 * start, and NUL is refused (the kernel would cut the path there).
 */
export function pathComponents(rel: string): string[] {
  if (rel.includes("\0")) throw new ConfinedPathError("invalid", rel);
  if (rel.startsWith("/")) throw new ConfinedPathError("outside", rel);
  const normal = posix.normalize(rel === "" ? "." : rel);
  if (normal === ".." || normal.startsWith("../")) throw new ConfinedPathError("outside", rel);
  return normal.split("/").filter((c) => c !== "" && c !== ".");
}

const lstatBig = (p: string) => lstat(p, { bigint: true });

/** Why an open failed: with O_NOFOLLOW, ELOOP means a link took the place of what was checked. */
function openReason(e: unknown): ConfinedReason {
  return (e as NodeJS.ErrnoException).code === "ELOOP" ? "changed" : "missing";
}

const missing = (path: string) => () => {
  throw new ConfinedPathError("missing", path);
};

/**
 * A base folder: a path (its real path is taken now), or a folder resolved before, whose real path
 * is kept as it was checked. Pass the latter when the base itself lies where a task can write: a base
 * swapped for a link after its check then still confines to where it was.
 */
export type ConfinedBase = string | ResolvedPath;

async function realBaseOf(base: ConfinedBase): Promise<{ real: string; stats: BigIntStats }> {
  if (typeof base !== "string") {
    const now = await lstatBig(base.real).catch(missing(base.real));
    if (now.dev !== base.stats.dev || now.ino !== base.stats.ino)
      throw new ConfinedPathError("changed", base.real);
    return { real: base.real, stats: now };
  }
  const real = await realpath(base).catch(missing(base));
  return { real, stats: await lstatBig(real).catch(missing(base)) };
}

/** Walk `rel` under `base` without ever trusting a link's target before checking it. */
export async function resolveConfined(
  base: ConfinedBase,
  rel: string,
  options: ResolveOptions = {},
): Promise<ResolvedPath> {
  const { symlinks = "inside", followLast = true } = options;
  const parts = pathComponents(rel);
  const { real: realBase, stats: baseStats } = await realBaseOf(base);
  let current = realBase;
  let stats = baseStats;
  for (const [i, name] of parts.entries()) {
    const next = join(current, name);
    stats = await lstatBig(next).catch(missing(rel));
    if (!stats.isSymbolicLink() || (i === parts.length - 1 && !followLast)) {
      current = next;
      continue;
    }
    if (symlinks === "never") throw new ConfinedPathError("outside", rel);
    const target = await realpath(next).catch(missing(rel));
    if (!contains(realBase, target)) throw new ConfinedPathError("outside", rel);
    current = target;
    stats = await lstatBig(target);
  }
  return { base: realBase, real: current, stats };
}

/** Linux names an opened descriptor's file as /proc/self/fd/N; elsewhere callers fall back to paths. */
const PROC_FD = existsSync("/proc/self/fd") ? "/proc/self/fd" : undefined;

/** Where the kernel says an opened descriptor is (its real path); `fallback` re-resolved without /proc. */
async function locationOf(handle: FileHandle, fallback: string): Promise<string> {
  if (PROC_FD) return readlink(`${PROC_FD}/${handle.fd}`);
  return realpath(fallback);
}

/**
 * Open a resolved entry (a regular file or a folder; anything else, such as a FIFO or a device node
 * a task made, is refused before it is opened) and check that the descriptor is the entry the walk saw.
 */
export async function openResolved(resolved: ResolvedPath, flags = constants.O_RDONLY): Promise<FileHandle> {
  const { base, real, stats } = resolved;
  if (!stats.isFile() && !stats.isDirectory()) throw new ConfinedPathError("invalid", real);
  const handle = await open(real, flags | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch((e: unknown) => {
    throw new ConfinedPathError(openReason(e), real);
  });
  try {
    const opened = await handle.stat({ bigint: true });
    if (opened.dev !== stats.dev || opened.ino !== stats.ino) throw new ConfinedPathError("changed", real);
    if (!contains(base, await locationOf(handle, real))) throw new ConfinedPathError("changed", real);
    return handle;
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/** resolveConfined + openResolved: the descriptor of `rel`, which is inside `base`. */
export async function openConfined(
  base: ConfinedBase,
  rel: string,
  flags = constants.O_RDONLY,
  options: ResolveOptions = {},
): Promise<{ handle: FileHandle; resolved: ResolvedPath }> {
  const resolved = await resolveConfined(base, rel, options);
  return { handle: await openResolved(resolved, flags), resolved };
}

/** A single path component (a name inside a folder). */
function childName(name: string): string {
  if (name === "" || name === "." || name === ".." || name.includes("/") || name.includes("\0"))
    throw new ConfinedPathError("invalid", name);
  return name;
}

/** An opened, checked folder inside a base; close it when done. */
export class ConfinedDir {
  private constructor(
    readonly handle: FileHandle,
    /** The base's real path. */
    readonly base: string,
    /** The folder's real path when it was opened. */
    readonly real: string,
  ) {}

  static async open(base: ConfinedBase, rel: string, options: ResolveOptions = {}): Promise<ConfinedDir> {
    const resolved = await resolveConfined(base, rel, options);
    if (!resolved.stats.isDirectory()) throw new ConfinedPathError("invalid", rel);
    const handle = await openResolved(resolved, constants.O_RDONLY | constants.O_DIRECTORY);
    return new ConfinedDir(handle, resolved.base, resolved.real);
  }

  /** The path of a child, through the descriptor where the platform allows it. */
  child(name: string): string {
    const n = childName(name);
    return PROC_FD ? `${PROC_FD}/${this.handle.fd}/${n}` : join(this.real, n);
  }

  /** The names in this folder (unsorted, as the file system gives them). */
  names(): Promise<string[]> {
    return readdir(PROC_FD ? `${PROC_FD}/${this.handle.fd}` : this.real);
  }

  /** The child's own metadata (a link is a link); undefined when it is gone. */
  lstat(name: string): Promise<BigIntStats | undefined> {
    return lstatBig(this.child(name)).catch(() => undefined);
  }

  /** Open a child folder; a link (or anything not a folder) in its place is refused. */
  async openDir(name: string): Promise<ConfinedDir> {
    const path = this.child(name);
    const stats = await lstatBig(path).catch(missing(name));
    if (!stats.isDirectory()) throw new ConfinedPathError("invalid", name);
    const realChild = join(this.real, name);
    const handle = await openResolved(
      { base: this.base, real: PROC_FD ? path : realChild, stats },
      constants.O_RDONLY | constants.O_DIRECTORY,
    );
    return new ConfinedDir(handle, this.base, realChild);
  }

  /** The child folder, made when missing; a link (or a file) in its place is refused. */
  async makeDir(name: string): Promise<ConfinedDir> {
    await mkdir(this.child(name)).catch((e: unknown) => {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw new ConfinedPathError("invalid", name);
    });
    return this.openDir(name);
  }

  /**
   * Open a child file with `flags` (add O_CREAT, O_EXCL, O_TRUNC to write one); a link in its place
   * is never followed, and anything that turns out not to be a regular file is refused.
   */
  async openFile(name: string, flags: number, mode = 0o644): Promise<FileHandle> {
    const handle = await open(
      this.child(name),
      flags | constants.O_NOFOLLOW | constants.O_NONBLOCK,
      mode,
    ).catch((e: unknown) => {
      throw new ConfinedPathError(openReason(e), name);
    });
    if ((await handle.stat()).isFile()) return handle;
    await handle.close();
    throw new ConfinedPathError("invalid", name);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
