import { execFileSync } from "node:child_process";
import { constants } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ConfinedDir,
  ConfinedPathError,
  openConfined,
  openResolved,
  pathComponents,
  resolveConfined,
  type ConfinedReason,
} from "./confined-path";

let top: string;
let base: string;
let outside: string;

beforeEach(async () => {
  top = await mkdtemp(join(tmpdir(), "confined-"));
  base = join(top, "base");
  outside = join(top, "outside");
  await mkdir(join(base, "wd", "sub"), { recursive: true });
  await mkdir(outside);
  await writeFile(join(base, "wd", "out.txt"), "inside");
  await writeFile(join(base, "wd", "sub", "deep.txt"), "deep");
  await writeFile(join(outside, "secret.txt"), "host secret");
  await mkdir(join(outside, "sub"));
  await writeFile(join(outside, "sub", "deep.txt"), "host deep");
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

const text = async (rel: string) => {
  const { handle } = await openConfined(base, rel);
  try {
    return await handle.readFile("utf8");
  } finally {
    await handle.close();
  }
};

describe("pathComponents", () => {
  it("normalizes lexically and refuses climbing, absolute paths and NUL", () => {
    expect(pathComponents("wd/./sub//deep.txt")).toEqual(["wd", "sub", "deep.txt"]);
    expect(pathComponents("wd/sub/../out.txt")).toEqual(["wd", "out.txt"]);
    expect(pathComponents("")).toEqual([]);
    expect(() => pathComponents("../x")).toThrow(ConfinedPathError);
    expect(() => pathComponents("wd/../../x")).toThrow(ConfinedPathError);
    expect(() => pathComponents("/etc/hostname")).toThrow(ConfinedPathError);
    expect(() => pathComponents("wd/a\0b")).toThrow(ConfinedPathError);
  });
});

describe("resolveConfined and openConfined", () => {
  it("opens plain files and follows links whose target stays inside", async () => {
    await symlink("sub/deep.txt", join(base, "wd", "alias.txt"));
    await symlink(join(base, "wd", "sub"), join(base, "wd", "subdir"));
    expect(await text("wd/out.txt")).toBe("inside");
    expect(await text("wd/alias.txt")).toBe("deep");
    expect(await text("wd/subdir/deep.txt")).toBe("deep");
    expect((await resolveConfined(base, "wd/alias.txt")).real).toBe(join(base, "wd", "sub", "deep.txt"));
  });

  it("refuses links out of the base, wherever they are in the path", async () => {
    await symlink("/", join(base, "wd", "rootlink"));
    await symlink(join(outside, "secret.txt"), join(base, "wd", "x.txt"));
    await symlink("../../outside", join(base, "wd", "up"));
    await symlink("x.txt", join(base, "wd", "chain.txt"));
    expect(await reason(openConfined(base, "wd/x.txt"))).toBe("outside");
    expect(await reason(openConfined(base, "wd/chain.txt"))).toBe("outside");
    expect(await reason(openConfined(base, "wd/rootlink/etc/hostname"))).toBe("outside");
    expect(await reason(openConfined(base, "wd/up/secret.txt"))).toBe("outside");
    expect(await reason(openConfined(base, "wd/up"))).toBe("outside");
  });

  it("answers missing for absent, dangling and looping paths", async () => {
    await symlink("nowhere", join(base, "wd", "dangling"));
    await symlink("loop", join(base, "wd", "loop"));
    expect(await reason(openConfined(base, "wd/nope.txt"))).toBe("missing");
    expect(await reason(openConfined(base, "wd/out.txt/below"))).toBe("missing");
    expect(await reason(openConfined(base, "wd/dangling"))).toBe("missing");
    expect(await reason(openConfined(base, "wd/loop"))).toBe("missing");
  });

  it("refuses every link with symlinks: never, and keeps a last link itself with followLast: false", async () => {
    await symlink("out.txt", join(base, "wd", "alias.txt"));
    expect(await reason(resolveConfined(base, "wd/alias.txt", { symlinks: "never" }))).toBe("outside");
    const link = await resolveConfined(base, "wd/alias.txt", { followLast: false });
    expect(link.stats.isSymbolicLink()).toBe(true);
    expect(link.real).toBe(join(base, "wd", "alias.txt"));
    // A link is never opened as such.
    expect(await reason(openResolved(link))).toBe("invalid");
  });

  it("refuses a FIFO without opening it (an open for reading would block)", async () => {
    execFileSync("mkfifo", [join(base, "wd", "pipe")]);
    expect(await reason(openConfined(base, "wd/pipe"))).toBe("invalid");
  });
});

describe("a path swapped between the check and the open", () => {
  it("refuses a file replaced by a link out of the base (O_NOFOLLOW)", async () => {
    const checked = await resolveConfined(base, "wd/out.txt");
    await rm(join(base, "wd", "out.txt"));
    await symlink(join(outside, "secret.txt"), join(base, "wd", "out.txt"));
    expect(await reason(openResolved(checked))).toBe("changed");
  });

  it("refuses a folder above it replaced by a link to a look-alike outside (device and inode)", async () => {
    const checked = await resolveConfined(base, "wd/sub/deep.txt");
    await rename(join(base, "wd", "sub"), join(base, "wd", "sub-moved"));
    await symlink(join(outside, "sub"), join(base, "wd", "sub"));
    expect(await readFile(checked.real, "utf8")).toBe("host deep");
    expect(await reason(openResolved(checked))).toBe("changed");
  });

  it("refuses a file replaced by another file", async () => {
    const checked = await resolveConfined(base, "wd/out.txt");
    // Made while the old one still exists, so it cannot get the old inode.
    await writeFile(join(base, "wd", "new.txt"), "other");
    await rename(join(base, "wd", "new.txt"), join(base, "wd", "out.txt"));
    expect(await reason(openResolved(checked))).toBe("changed");
  });
});

describe("a base checked before", () => {
  it("is refused once it has been swapped for a link, before or after the walk", async () => {
    const checked = await resolveConfined(top, "base", { symlinks: "never" });
    const inside = await resolveConfined(checked, "wd/out.txt");
    await rename(base, join(top, "base-moved"));
    await mkdir(join(outside, "wd"));
    await writeFile(join(outside, "wd", "out.txt"), "host look-alike");
    await symlink(outside, base);
    expect(await reason(openConfined(checked, "secret.txt"))).toBe("changed");
    expect(await reason(openResolved(inside))).toBe("changed");
    // A path base is taken as it is now: the link's target becomes the base.
    expect(await text("secret.txt")).toBe("host secret");
  });
});

describe("ConfinedDir", () => {
  it("keeps addressing the folder it opened after its path is swapped for a link", async () => {
    const wd = await ConfinedDir.open(base, "wd");
    try {
      await rename(join(base, "wd"), join(base, "wd-moved"));
      await symlink(outside, join(base, "wd"));
      expect((await wd.names()).sort()).toEqual(["out.txt", "sub"]);
      expect((await wd.lstat("out.txt"))?.isFile()).toBe(true);
      expect(await readFile(wd.child("out.txt"), "utf8")).toBe("inside");
      const sub = await wd.openDir("sub");
      expect(await sub.names()).toEqual(["deep.txt"]);
      await sub.close();
    } finally {
      await wd.close();
    }
  });

  it("refuses to open a link as a child folder, and the base's own folder when it is a link", async () => {
    await symlink(outside, join(base, "wd", "etcdir"));
    await symlink(join(base, "wd", "sub"), join(base, "wd", "inner"));
    const wd = await ConfinedDir.open(base, "wd");
    try {
      expect(await reason(wd.openDir("etcdir"))).toBe("invalid");
      expect(await reason(wd.openDir("inner"))).toBe("invalid");
      expect(() => wd.child("../x")).toThrow(ConfinedPathError);
    } finally {
      await wd.close();
    }
    expect(await reason(ConfinedDir.open(base, "wd/etcdir"))).toBe("outside");
    expect(await reason(ConfinedDir.open(base, "wd/inner", { symlinks: "never" }))).toBe("outside");
  });

  it("makes folders and writes files below itself, never through a link in their place", async () => {
    await symlink(outside, join(base, "wd", "etcdir"));
    await symlink(join(outside, "secret.txt"), join(base, "wd", "x.txt"));
    const wd = await ConfinedDir.open(base, "wd");
    try {
      const made = await wd.makeDir("new");
      const again = await wd.makeDir("new");
      const file = await made.openFile("in.txt", constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL);
      await file.writeFile("written");
      await file.close();
      await Promise.all([made.close(), again.close()]);
      expect(await readFile(join(base, "wd", "new", "in.txt"), "utf8")).toBe("written");
      expect(await reason(wd.makeDir("etcdir"))).toBe("invalid");
      expect(await reason(wd.makeDir("out.txt"))).toBe("invalid");
      const write = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC;
      expect(await reason(wd.openFile("x.txt", write))).toBe("changed");
      expect(await reason(wd.openFile("sub", constants.O_RDONLY))).toBe("invalid");
    } finally {
      await wd.close();
    }
    expect(await readFile(join(outside, "secret.txt"), "utf8")).toBe("host secret");
  });
});
