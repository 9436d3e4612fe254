import { lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfinedDir, ConfinedPathError, type ConfinedReason } from "./confined-path";
import { emptyFolder, freshFileBelow, makeDirsBelow, openOutput, removeBelow } from "./confined-writes";

let top: string;
let anchor: string;
let outside: string;
let task: string;

beforeEach(async () => {
  top = await mkdtemp(join(tmpdir(), "confined-writes-"));
  anchor = join(top, "data");
  outside = join(top, "outside");
  task = join(anchor, "node", "workitems", "job", "job-1", "task");
  await mkdir(join(task, "wd"), { recursive: true });
  await mkdir(join(outside, "task", "wd"), { recursive: true });
  await writeFile(join(outside, "victim.txt"), "precious");
  await writeFile(join(outside, "task", "keep.txt"), "keep");
});
afterEach(async () => {
  await rm(top, { recursive: true, force: true });
});

async function reason(p: Promise<unknown>): Promise<ConfinedReason> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ConfinedPathError) return e.reason;
    throw e;
  }
  throw new Error("expected a ConfinedPathError");
}

const outsideIntact = async () => {
  expect(await readFile(join(outside, "victim.txt"), "utf8")).toBe("precious");
  expect(await readFile(join(outside, "task", "keep.txt"), "utf8")).toBe("keep");
  expect((await readdir(outside)).sort()).toEqual(["task", "victim.txt"]);
};

/** Replace the job-1 folder by a link to `outside` (which holds a folder named like the task). */
async function swapJobFolder() {
  const job1 = join(anchor, "node", "workitems", "job", "job-1");
  await rename(job1, `${job1}.moved`);
  await symlink(outside, job1);
}

describe("freshFileBelow", () => {
  it("empties a previous attempt's output", async () => {
    await writeFile(join(task, "stdout.txt"), "old");
    await freshFileBelow(anchor, join(task, "stdout.txt"));
    expect(await readFile(join(task, "stdout.txt"), "utf8")).toBe("");
  });

  it("replaces a link by a file of its own and leaves the link's target alone", async () => {
    await symlink(join(outside, "victim.txt"), join(task, "stdout.txt"));
    await freshFileBelow(anchor, join(task, "stdout.txt"));
    expect((await lstat(join(task, "stdout.txt"))).isFile()).toBe(true);
    expect(await readFile(join(task, "stdout.txt"), "utf8")).toBe("");
    await outsideIntact();
  });

  it("refuses a link in place of a folder above it, and creates nothing there", async () => {
    await swapJobFolder();
    expect(await reason(freshFileBelow(anchor, join(task, "stdout.txt")))).toBe("outside");
    await outsideIntact();
  });

  it("refuses a path that is not below the anchor", async () => {
    expect(await reason(freshFileBelow(anchor, join(outside, "victim.txt")))).toBe("outside");
    expect(await reason(freshFileBelow(anchor, anchor))).toBe("invalid");
    await outsideIntact();
  });
});

describe("openOutput", () => {
  it("appends to the task's output, making it when missing", async () => {
    const out = join(task, "stdout.txt");
    for (const line of ["a\n", "b\n"]) {
      const handle = await openOutput(join(anchor, "node"), out);
      await handle.write(line);
      await handle.close();
    }
    expect(await readFile(out, "utf8")).toBe("a\nb\n");
  });

  it("refuses a link in its place or above it", async () => {
    await symlink(join(outside, "victim.txt"), join(task, "stdout.txt"));
    expect(await reason(openOutput(anchor, join(task, "stdout.txt")))).toBe("changed");
    await swapJobFolder();
    expect(await reason(openOutput(anchor, join(task, "stderr.txt")))).toBe("outside");
    await outsideIntact();
  });
});

describe("makeDirsBelow", () => {
  it("makes the missing folders", async () => {
    await makeDirsBelow(anchor, join(anchor, "node", "workitems", "j2", "job-1", "t", "wd"));
    expect((await lstat(join(anchor, "node", "workitems", "j2", "job-1", "t", "wd"))).isDirectory()).toBe(
      true,
    );
  });

  it("refuses a link on the way and makes nothing outside", async () => {
    await swapJobFolder();
    expect(await reason(makeDirsBelow(anchor, join(task, "wd")))).toBe("invalid");
    expect(await reason(makeDirsBelow(anchor, join(anchor, "node", "workitems", "job", "job-1", "t2")))).toBe(
      "invalid",
    );
    await outsideIntact();
  });
});

describe("removeBelow", () => {
  it("removes a folder and everything in it; what is gone already is no error", async () => {
    await writeFile(join(task, "wd", "out.txt"), "x");
    await symlink(join(outside, "victim.txt"), join(task, "wd", "victim.txt"));
    await symlink(outside, join(task, "wd", "outdir"));
    await removeBelow(anchor, join(anchor, "node", "workitems", "job"));
    expect(await readdir(join(anchor, "node", "workitems"))).toEqual([]);
    await removeBelow(anchor, join(anchor, "node", "workitems", "job"));
    await removeBelow(anchor, join(anchor, "gone", "deeper"));
    await outsideIntact();
  });

  it("removes a link in the target's place itself", async () => {
    await rm(task, { recursive: true });
    await symlink(join(outside, "task"), task);
    await removeBelow(anchor, task);
    expect(await readdir(join(anchor, "node", "workitems", "job", "job-1"))).toEqual([]);
    await outsideIntact();
  });

  it("refuses a link in place of a folder above the target", async () => {
    await swapJobFolder();
    expect(await reason(removeBelow(anchor, task))).toBe("outside");
    await outsideIntact();
  });

  it("never enters a folder swapped for a link while it empties", async () => {
    // The walk has opened `task`; then its wd is swapped for a link to the outside folder.
    const dir = await ConfinedDir.open(anchor, "node/workitems/job/job-1/task");
    try {
      await rename(join(task, "wd"), join(task, "wd.moved"));
      await symlink(join(outside, "task"), join(task, "wd"));
      await emptyFolder(dir);
    } finally {
      await dir.close();
    }
    expect(await readdir(task)).toEqual([]);
    await outsideIntact();
  });
});
