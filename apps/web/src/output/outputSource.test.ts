import { describe, expect, it } from "vitest";
import { formatBytes, nodeFileSource, savedOutputSource, taskFileSource, windowBefore } from "./outputSource";

describe("output windows", () => {
  it("computes the tail window and earlier windows down to the file start", () => {
    expect(windowBefore(1_000_000, 65536)).toEqual({ start: 1_000_000 - 65536, end: 999_999 });
    expect(windowBefore(100, 65536)).toEqual({ start: 0, end: 99 });
    expect(windowBefore(0)).toBeUndefined();
  });

  it("builds byte-range URLs with inclusive ends", () => {
    const s = taskFileSource("acct", "job 1", "t#1", "stdout.txt");
    expect(s.content(0, 9)).toBe("/api/accounts/acct/jobs/job%201/tasks/t%231/files/content?path=stdout.txt&start=0&end=9");
    expect(s.follow?.(10)).toContain("from=10");
  });

  it("reads a saved output from the saved-outputs routes, and never follows it (a blob is written once)", () => {
    const s = savedOutputSource("acct", "job", "t1", "0/run 1/a.txt");
    expect(s.tail(100)).toBe("/api/accounts/acct/jobs/job/tasks/t1/saved-outputs/content?path=0%2Frun+1%2Fa.txt&tail=100");
    expect(s.fileName).toBe("a.txt");
    expect(s.follow).toBeUndefined();
  });

  it("builds tail URLs that carry no start or end (the BFF refuses the mix)", () => {
    expect(taskFileSource("acct", "job", "t1", "stdout.txt").tail(100)).toBe("/api/accounts/acct/jobs/job/tasks/t1/files/content?path=stdout.txt&tail=100");
    expect(nodeFileSource("acct", "pool", "n1", "startup/stdout.txt").tail(100)).toMatch(/\/pools\/pool\/nodes\/n1\/files\/content\?path=startup%2Fstdout\.txt&tail=100$/);
  });

  it("formats sizes", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(1024 ** 3)).toBe("1.0 GB");
  });
});
