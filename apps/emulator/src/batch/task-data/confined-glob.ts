/**
 * The files an output file pattern names, found through descriptors below the task folder: a link
 * is never followed (neither a file link nor a folder link), so a task cannot get a host file
 * uploaded by linking it into its folder. Matching follows the OutputFile filePattern rules (REST
 * "Task - Add"): `*`, `?`, `**` for any folders, `[abc]`, `[!abc]`; names starting with "." only
 * when the pattern names the dot itself.
 */
import picomatch from "picomatch";
import { posix } from "node:path";
import { ConfinedDir, type ConfinedBase } from "../files/confined-path";

export interface FoundFile {
  /** Folder of the file, relative to the task folder ("" for the task folder itself). */
  dir: string;
  name: string;
  /** The path below the pattern's literal folder: the blob name under the destination path. */
  fromBase: string;
}

const NO_LINKS = { symlinks: "never" } as const;
/** A bound on one pattern's walk, so a task with millions of files cannot stall its completion. */
const MAX_FILES = 100_000;

/**
 * `pattern` is relative to the task folder and already normalized (no ".." left). A pattern
 * without wildcards is one file; with wildcards, every regular file below its literal folder
 * whose path below that folder matches.
 */
export async function findFiles(taskFolder: ConfinedBase, pattern: string): Promise<FoundFile[]> {
  const scan = picomatch.scan(pattern);
  if (!scan.isGlob) {
    const dir = posix.dirname(pattern) === "." ? "" : posix.dirname(pattern);
    const name = posix.basename(pattern);
    const folder = await ConfinedDir.open(taskFolder, dir, NO_LINKS).catch(() => undefined);
    if (!folder) return [];
    try {
      const stats = await folder.lstat(name);
      return stats?.isFile() ? [{ dir, name, fromBase: name }] : [];
    } finally {
      await folder.close();
    }
  }
  const base = scan.base === "." ? "" : scan.base;
  const matches = picomatch(scan.glob, { dot: false });
  const found: FoundFile[] = [];
  const root = await ConfinedDir.open(taskFolder, base, NO_LINKS).catch(() => undefined);
  if (!root) return [];
  const walk = async (folder: ConfinedDir, below: string): Promise<void> => {
    for (const name of (await folder.names()).sort()) {
      if (found.length >= MAX_FILES) return;
      const stats = await folder.lstat(name);
      const rel = below ? `${below}/${name}` : name;
      if (stats?.isFile()) {
        if (matches(rel)) found.push({ dir: [base, below].filter(Boolean).join("/"), name, fromBase: rel });
      } else if (stats?.isDirectory()) {
        const sub = await folder.openDir(name).catch(() => undefined);
        if (!sub) continue;
        try {
          await walk(sub, rel);
        } finally {
          await sub.close();
        }
      }
    }
  };
  try {
    await walk(root, "");
  } finally {
    await root.close();
  }
  return found;
}
