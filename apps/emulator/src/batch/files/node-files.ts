/**
 * Files on an emulated node, addressed the Batch way: relative to a task directory (stdout.txt,
 * wd/output.txt) or to the node root (startup/wd/hello.txt). Tasks write these folders, so every
 * operation goes through the confined resolver: nothing outside the base is read, listed or deleted,
 * whatever links a task made. A path refused for that answers 404 FileNotFound, like a missing one.
 */
import type { BigIntStats } from "node:fs";
import { rmdir, unlink } from "node:fs/promises";
import { batchError, conflict, notFound } from "../http/batch-error";
import { emptyFolder } from "./confined-writes";
import {
  ConfinedDir,
  ConfinedPathError,
  openConfined,
  pathComponents,
  resolveConfined,
  type ResolvedPath,
} from "./confined-path";

export type FileStats = BigIntStats;

export interface NodeFileEntry {
  name: string;
  isDirectory: boolean;
  stats: FileStats;
}

/** What one listing request may do before it answers with a nextLink: entries looked at, and time. */
export const LIST_BUDGET = { entries: 5000, ms: 2000 };

/** The file API's answer to a path the resolver refused. */
function fileNotFound(e: unknown): never {
  if (e instanceof ConfinedPathError) throw notFound("FileNotFound");
  throw e;
}

/** The components of a request's path; an empty path (the base itself) is no file either. */
function fileComponents(rel: string): string[] {
  try {
    const parts = pathComponents(rel);
    if (parts.length) return parts;
  } catch (e) {
    fileNotFound(e);
  }
  throw notFound("FileNotFound");
}

/**
 * The folder a file API request is relative to: `rel` below `anchor`, a folder of the emulator's own
 * (its data folder) that no task writes. No link is accepted on the way from the anchor down, so a
 * task that replaces its own folder (or a node's) by a link gets nothing served. undefined when the
 * folder is not there.
 */
export async function filesBase(anchor: string, rel: string): Promise<ResolvedPath | undefined> {
  const base = await resolveConfined(anchor, rel, { symlinks: "never" }).catch(() => undefined);
  return base?.stats.isDirectory() ? base : undefined;
}

/** A file or folder below the base, opened and checked; its properties are those of what was opened. */
export async function openFile(base: ResolvedPath, rel: string) {
  return openConfined(base, fileComponents(rel).join("/")).catch(fileNotFound);
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Entries of `dir` in a fixed order (names sorted, each folder right before its contents), starting
 * after the entry `after` names. Links, and anything else that is not a folder, are entries of their
 * own and never entered; a folder swapped for a link while the walk runs is skipped.
 */
async function* walk(
  dir: ConfinedDir,
  prefix: string,
  after: string[] | undefined,
  recursive: boolean,
): AsyncGenerator<NodeFileEntry> {
  let pending = after;
  // A folder that cannot be read (a task may chmod 000 it) has no entries to show.
  const names = await dir.names().catch(() => []);
  for (const name of names.sort(byName)) {
    let emit = true;
    let below: string[] | undefined;
    if (pending) {
      const order = byName(name, pending[0]!);
      if (order < 0) continue;
      if (order === 0) {
        // The entry the previous page ended on: already sent; its contents may not be.
        emit = false;
        below = pending.length > 1 ? pending.slice(1) : undefined;
      }
      pending = undefined;
    }
    const stats = await dir.lstat(name);
    if (!stats) continue;
    const path = prefix ? `${prefix}/${name}` : name;
    if (emit) yield { name: path, isDirectory: stats.isDirectory(), stats };
    if (!recursive || !stats.isDirectory()) continue;
    const sub = await dir.openDir(name).catch(() => undefined);
    if (!sub) continue;
    try {
      yield* walk(sub, path, below, recursive);
    } finally {
      await sub.close();
    }
  }
}

/**
 * One page of the entries under `base` (names relative to it, "/"-separated; all levels when
 * recursive), after the entry named `after`. It stops at `limit` kept entries or when the budget is
 * spent, and then says where the next page starts.
 */
export async function listFiles(
  base: ResolvedPath,
  options: {
    recursive: boolean;
    after?: string;
    limit: number;
    keep: (entry: NodeFileEntry) => boolean;
    budget?: { entries: number; ms: number };
  },
): Promise<{ items: NodeFileEntry[]; next: string | undefined }> {
  const { recursive, limit, keep, budget = LIST_BUDGET } = options;
  const dir = await ConfinedDir.open(base, "").catch(() => undefined);
  if (!dir) return { items: [], next: undefined };
  const started = Date.now();
  const items: NodeFileEntry[] = [];
  let visited = 0;
  let last: string | undefined;
  try {
    for await (const entry of walk(dir, "", options.after?.split("/"), recursive)) {
      if (visited >= budget.entries || (visited > 0 && Date.now() - started >= budget.ms))
        return { items, next: last };
      const kept = keep(entry);
      // A further kept entry: the page is full, and not the last one.
      if (kept && items.length === limit) return { items, next: last };
      visited++;
      if (kept) items.push(entry);
      last = entry.name;
    }
    return { items, next: undefined };
  } finally {
    await dir.close();
  }
}

/** Parse `ocp-range: bytes=a-b` (or `a-`) against a file size; 416 InvalidRange when unsatisfiable. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d+)-(\d*)$/.exec(header.trim());
  if (!m)
    throw batchError(400, "InvalidHeaderValue", [
      { key: "HeaderName", value: "ocp-range" },
      { key: "HeaderValue", value: header },
    ]);
  const start = Number(m[1]);
  const end = m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
  if (start >= size || end < start)
    throw batchError(416, "InvalidRange", [{ key: "Reason", value: `The file has ${size} bytes.` }]);
  return { start, end };
}

/**
 * Delete an entry below the base. A link is removed itself, never what it points to; a folder needs
 * `recursive` unless it is empty.
 */
export async function deleteFile(base: ResolvedPath, rel: string, recursive: boolean): Promise<void> {
  const parts = fileComponents(rel);
  const name = parts.at(-1) ?? "";
  const parent = await ConfinedDir.open(base, parts.slice(0, -1).join("/")).catch(fileNotFound);
  try {
    const stats = await parent.lstat(name);
    if (!stats) throw notFound("FileNotFound");
    if (!stats.isDirectory())
      return await unlink(parent.child(name)).catch(() => {
        throw notFound("FileNotFound");
      });
    if (recursive) {
      const dir = await parent.openDir(name).catch(fileNotFound);
      try {
        await emptyFolder(dir);
      } finally {
        await dir.close();
      }
    }
    await rmdir(parent.child(name)).catch(() => {
      throw conflict(
        "OperationInvalidForCurrentState",
        "The directory is not empty; delete it with recursive=true.",
      );
    });
  } finally {
    await parent.close();
  }
}

/** Batch shows the file mode in octal, e.g. "0o100644". */
export const fileMode = (stats: FileStats) => `0o${stats.mode.toString(8)}`;

export const contentTypeOf = (name: string) =>
  name.endsWith(".txt") || name.endsWith(".log") ? "text/plain" : "application/octet-stream";
