import { describe, expect, it } from "vitest";
import { FileContentQuery, MAX_TAIL_BYTES } from "./files";

/** The first issue's field path and message, as a 400 would name them. */
const firstIssue = (query: Record<string, string>) => {
  const parsed = FileContentQuery.safeParse(query);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  return { path: issue.path.join("."), message: issue.message };
};

describe("FileContentQuery tail", () => {
  it("accepts a positive whole number of bytes up to the maximum, coerced from the query string", () => {
    expect(FileContentQuery.parse({ path: "stdout.txt", tail: "65536" })).toEqual({ path: "stdout.txt", tail: 65536 });
    expect(FileContentQuery.parse({ path: "stdout.txt", tail: "1" }).tail).toBe(1);
    expect(FileContentQuery.parse({ path: "stdout.txt", tail: String(MAX_TAIL_BYTES) }).tail).toBe(16 * 1024 * 1024);
  });

  it("refuses zero, negatives, fractions, non-numbers and more than 16 MiB, naming the field", () => {
    expect(firstIssue({ path: "stdout.txt", tail: "0" })).toEqual({ path: "tail", message: "tail must be at least 1 byte" });
    expect(firstIssue({ path: "stdout.txt", tail: "-5" })).toEqual({ path: "tail", message: "tail must be at least 1 byte" });
    expect(firstIssue({ path: "stdout.txt", tail: "1.5" })).toEqual({ path: "tail", message: "tail must be a whole number of bytes" });
    expect(firstIssue({ path: "stdout.txt", tail: "lots" })).toEqual({ path: "tail", message: "tail must be a number of bytes" });
    expect(firstIssue({ path: "stdout.txt", tail: String(MAX_TAIL_BYTES + 1) })).toEqual({
      path: "tail",
      message: "tail cannot be more than 16777216 bytes (16 MiB)",
    });
  });

  it("cannot be combined with start or end", () => {
    expect(firstIssue({ path: "stdout.txt", tail: "10", start: "0" })).toEqual({ path: "tail", message: "tail cannot be combined with start: it reads the file's last bytes" });
    expect(firstIssue({ path: "stdout.txt", tail: "10", end: "9" })).toEqual({ path: "tail", message: "tail cannot be combined with end: it reads the file's last bytes" });
    expect(firstIssue({ path: "stdout.txt", tail: "10", start: "0", end: "9" })?.message).toBe("tail cannot be combined with start and end: it reads the file's last bytes");
  });

  it("leaves start/end reads as they were", () => {
    expect(FileContentQuery.parse({ path: "stdout.txt", start: "0", end: "9" })).toEqual({ path: "stdout.txt", start: 0, end: 9 });
    expect(firstIssue({ path: "stdout.txt", start: "9", end: "3" })).toEqual({ path: "start", message: "start must not be after end" });
  });
});
