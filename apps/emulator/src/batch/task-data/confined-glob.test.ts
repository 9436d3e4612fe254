import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFiles } from "./confined-glob";
import { blobName, expandVariables, taskFolderPattern, uploadDue } from "./output-files";
import type { OutputFileWire } from "../model/types";

describe("findFiles", () => {
  let task: string;
  let outside: string;
  beforeAll(async () => {
    task = await mkdtemp(join(tmpdir(), "bs-glob-"));
    outside = await mkdtemp(join(tmpdir(), "bs-glob-outside-"));
    await writeFile(join(outside, "secret.txt"), "host file");
    await mkdir(join(task, "wd", "out", "deep"), { recursive: true });
    await writeFile(join(task, "stdout.txt"), "o");
    await writeFile(join(task, "stderr.txt"), "e");
    await writeFile(join(task, "wd", "out", "a.csv"), "a");
    await writeFile(join(task, "wd", "out", ".hidden.csv"), "h");
    await writeFile(join(task, "wd", "out", "deep", "b.csv"), "b");
    // A task's attempts to get host files uploaded: a file link and a folder link.
    await symlink(join(outside, "secret.txt"), join(task, "wd", "out", "linked.csv"));
    await symlink(outside, join(task, "wd", "out", "hostdir"));
    await symlink(outside, join(task, "wd", "linkdir"));
  });
  afterAll(async () => {
    await rm(task, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  const names = async (pattern: string) =>
    (await findFiles(task, taskFolderPattern(pattern, task) ?? "")).map((f) => `${f.dir}|${f.fromBase}`);

  it("matches ** across folders and * within one, skipping dot files", async () => {
    expect(await names("out/**/*.csv")).toEqual(["wd/out|a.csv", "wd/out/deep|deep/b.csv"]);
    expect(await names("out/*.csv")).toEqual(["wd/out|a.csv"]);
    expect(await names("out/.*.csv")).toEqual(["wd/out|.hidden.csv"]);
  });

  it("reaches the std files one level up", async () => {
    expect(await names("../std*.txt")).toEqual(["|stderr.txt", "|stdout.txt"]);
  });

  it("never follows a link, to a file or a folder, nor starts below one", async () => {
    expect(await names("**/*")).not.toEqual(expect.arrayContaining([expect.stringContaining("secret")]));
    expect(await names("out/linked.csv")).toEqual([]);
    expect(await names("linkdir/*.txt")).toEqual([]);
    expect(await names("linkdir/secret.txt")).toEqual([]);
  });

  it("expands variables and takes absolute patterns inside the task folder only", () => {
    const env = { AZ_BATCH_TASK_DIR: "/n/task", OUT: "out" };
    expect(taskFolderPattern(expandVariables("$AZ_BATCH_TASK_DIR/std*.txt", env), "/n/task")).toBe(
      "std*.txt",
    );
    expect(taskFolderPattern(expandVariables("${OUT}/**/*.csv", env), "/n/task")).toBe("wd/out/**/*.csv");
    expect(taskFolderPattern(expandVariables("$NOPE/x", env), "/n/task")).toBe("wd/$NOPE/x");
    expect(taskFolderPattern("/n/other/x", "/n/task")).toBeUndefined();
    expect(taskFolderPattern("../../x", "/n/task")).toBeUndefined();
  });

  it("finds nothing for a folder that is not there", async () => {
    expect(await names("nothing/**/*")).toEqual([]);
  });
});

describe("output file rules", () => {
  const file = (
    uploadCondition: OutputFileWire["uploadOptions"]["uploadCondition"],
    path?: string,
  ): OutputFileWire => ({
    filePattern: "x",
    destination: { container: { containerUrl: "http://h/c", ...(path ? { path } : {}) } },
    uploadOptions: { uploadCondition },
  });

  it("uploads by condition and exit code", () => {
    expect([0, 1].map((c) => uploadDue(file("tasksuccess"), c))).toEqual([true, false]);
    expect([0, 1].map((c) => uploadDue(file("taskfailure"), c))).toEqual([false, true]);
    expect([0, 1].map((c) => uploadDue(file("taskcompletion"), c))).toEqual([true, true]);
  });

  it("names a single file's blob by path, a pattern's blobs below it", () => {
    const found = { dir: "wd/out", name: "b.csv", fromBase: "deep/b.csv" };
    expect(blobName(file("taskcompletion", "r/one.csv"), found, true)).toBe("r/one.csv");
    expect(blobName(file("taskcompletion"), found, true)).toBe("b.csv");
    expect(blobName(file("taskcompletion", "r/"), found, false)).toBe("r/deep/b.csv");
    expect(blobName(file("taskcompletion"), found, false)).toBe("deep/b.csv");
  });
});
