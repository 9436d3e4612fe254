import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ResolvedPath } from "./confined-path";
import { deleteFile, filesBase, listFiles, type NodeFileEntry } from "./node-files";

let top: string;
let base: ResolvedPath;

beforeEach(async () => {
  top = await mkdtemp(join(tmpdir(), "node-files-"));
  const root = join(top, "nodes", "p", "n");
  for (const d of ["a/b", "a/c", "d"]) await mkdir(join(root, d), { recursive: true });
  for (const f of ["a/b/1", "a/b/2", "a/c/3", "d/4", "e"]) await writeFile(join(root, f), f);
  await symlink("/", join(root, "a", "rootlink"));
  base = (await filesBase(top, "nodes/p/n"))!;
});
afterEach(async () => {
  await rm(top, { recursive: true, force: true });
});

const all = () => true;

/** Every page, with the given budget and page size; each page's item names. */
async function pages(limit: number, entries: number, keep: (e: NodeFileEntry) => boolean = all) {
  const out: string[][] = [];
  let after: string | undefined;
  do {
    const page = await listFiles(base, {
      recursive: true,
      after,
      limit,
      keep,
      budget: { entries, ms: 60_000 },
    });
    out.push(page.items.map((e) => e.name));
    after = page.next;
    if (out.length > 50) throw new Error("the listing did not end");
  } while (after !== undefined);
  return out;
}

const ORDER = ["a", "a/b", "a/b/1", "a/b/2", "a/c", "a/c/3", "a/rootlink", "d", "d/4", "e"];

describe("listFiles", () => {
  it("walks folders before their contents, in name order, never through a link", async () => {
    expect((await pages(1000, 1000)).flat()).toEqual(ORDER);
  });

  it("resumes exactly where a page stopped, whether at the page size or at the entry budget", async () => {
    for (const [limit, entries] of [
      [1, 1000],
      [3, 1000],
      [1000, 1],
      [1000, 4],
      [2, 3],
    ] as const) {
      const got = await pages(limit, entries);
      expect(got.flat(), `limit ${limit}, entries ${entries}`).toEqual(ORDER);
      for (const p of got) expect(p.length).toBeLessThanOrEqual(Math.min(limit, entries));
    }
  });

  it("answers empty pages with a continuation when the budget runs out on refused entries", async () => {
    const got = await pages(1000, 2, (e) => e.name === "e");
    expect(got.flat()).toEqual(["e"]);
    expect(got.length).toBe(5);
    expect(got.slice(0, 4).flat()).toEqual([]);
  });

  it("resumes after an entry that has since been deleted", async () => {
    const first = await listFiles(base, { recursive: true, limit: 3, keep: all });
    expect(first.next).toBe("a/b/1");
    await deleteFile(base, "a/b", true);
    const rest = await listFiles(base, { recursive: true, after: first.next, limit: 1000, keep: all });
    expect(rest.items.map((e) => e.name)).toEqual(["a/c", "a/c/3", "a/rootlink", "d", "d/4", "e"]);
  });

  it("lists one level without recursion", async () => {
    const page = await listFiles(base, { recursive: false, limit: 1000, keep: all });
    expect(page.items.map((e) => [e.name, e.isDirectory])).toEqual([
      ["a", true],
      ["d", true],
      ["e", false],
    ]);
  });

  it("finds no base that is reached through a link", async () => {
    await symlink(join(top, "nodes", "p", "n"), join(top, "nodes", "p", "m"));
    expect(await filesBase(top, "nodes/p/m")).toBeUndefined();
    expect(await filesBase(top, "nodes/p/missing")).toBeUndefined();
  });
});
