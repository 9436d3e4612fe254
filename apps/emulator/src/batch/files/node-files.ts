/**
 * Files on an emulated node, addressed the Batch way: relative to a task directory (stdout.txt,
 * wd/output.txt) or to the node root (startup/wd/hello.txt). Paths never leave their base.
 */
import { createReadStream, type Stats } from "node:fs";
import { readdir, rm, rmdir, stat, unlink } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import type { Readable } from "node:stream";
import { batchError, conflict, notFound } from "../http/batch-error";

export interface NodeFileEntry {
  name: string;
  isDirectory: boolean;
  stats: Stats;
}

/** The absolute path of `rel` under `base`, or FileNotFound when it would escape or is empty. */
export function resolveInside(base: string, rel: string): string {
  const root = resolve(base);
  const abs = resolve(root, rel);
  if (!rel || abs === root || !abs.startsWith(root + sep)) throw notFound("FileNotFound");
  return abs;
}

export async function statFile(base: string, rel: string): Promise<{ abs: string; stats: Stats }> {
  const abs = resolveInside(base, rel);
  const stats = await stat(abs).catch(() => {
    throw notFound("FileNotFound");
  });
  return { abs, stats };
}

/** Entries under `base` (names relative to it, "/"-separated); all levels when recursive. */
export async function listFiles(base: string, recursive: boolean): Promise<NodeFileEntry[]> {
  const out: NodeFileEntry[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const abs = join(dir, e.name);
      const stats = await stat(abs).catch(() => undefined);
      if (!stats) continue;
      out.push({ name: relative(base, abs).split(sep).join("/"), isDirectory: stats.isDirectory(), stats });
      if (recursive && stats.isDirectory()) await walk(abs);
    }
  };
  await walk(base);
  return out;
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

export function readFileRange(abs: string, range: { start: number; end: number } | undefined): Readable {
  return createReadStream(abs, range ?? {});
}

export async function deleteFile(base: string, rel: string, recursive: boolean): Promise<void> {
  const { abs, stats } = await statFile(base, rel);
  if (!stats.isDirectory()) return unlink(abs);
  if (recursive) return rm(abs, { recursive: true, force: true });
  await rmdir(abs).catch(() => {
    throw conflict(
      "OperationInvalidForCurrentState",
      "The directory is not empty; delete it with recursive=true.",
    );
  });
}

/** Batch shows the file mode in octal, e.g. "0o100644". */
export const fileMode = (stats: Stats) => `0o${stats.mode.toString(8)}`;

export const contentTypeOf = (name: string) =>
  name.endsWith(".txt") || name.endsWith(".log") ? "text/plain" : "application/octet-stream";
