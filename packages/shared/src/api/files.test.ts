import { describe, expect, it } from "vitest";
import { FileContentQuery, FileSearchQuery, FileSearchResult, MAX_SEARCH_QUERY_CHARS, MAX_TAIL_BYTES } from "./files";
import { apiUrl } from "./paths";

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

describe("FileSearchQuery", () => {
  const issues = (query: Record<string, string>) => {
    const parsed = FileSearchQuery.safeParse(query);
    return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  };

  it("defaults to a forward, case-insensitive search with no start, and coerces the query string", () => {
    expect(FileSearchQuery.parse({ path: "stdout.txt", q: "ERROR" })).toEqual({ path: "stdout.txt", q: "ERROR", direction: "forward", caseSensitive: false });
    expect(FileSearchQuery.parse({ path: "stdout.txt", q: "x", from: "1073741824", direction: "backward", caseSensitive: "true" })).toEqual({
      path: "stdout.txt",
      q: "x",
      from: 1073741824,
      direction: "backward",
      caseSensitive: true,
    });
  });

  it("refuses an empty or too long q, a bad from, direction or caseSensitive, naming each field", () => {
    expect(issues({ path: "stdout.txt" })).toEqual([{ path: "q", message: "q is required" }]);
    expect(issues({ path: "stdout.txt", q: "" })).toEqual([{ path: "q", message: "q cannot be empty" }]);
    expect(issues({ path: "stdout.txt", q: "x".repeat(MAX_SEARCH_QUERY_CHARS + 1) })).toEqual([{ path: "q", message: "q cannot be longer than 256 characters" }]);
    expect(FileSearchQuery.safeParse({ path: "stdout.txt", q: "x".repeat(MAX_SEARCH_QUERY_CHARS) }).success).toBe(true);
    expect(issues({ path: "stdout.txt", q: "x", from: "-1" })).toEqual([{ path: "from", message: "from cannot be negative" }]);
    expect(issues({ path: "stdout.txt", q: "x", from: "1.5" })).toEqual([{ path: "from", message: "from must be a whole number" }]);
    expect(issues({ path: "stdout.txt", q: "x", direction: "up" })).toEqual([{ path: "direction", message: "direction must be forward or backward" }]);
    expect(issues({ path: "stdout.txt", q: "x", caseSensitive: "yes" })).toEqual([{ path: "caseSensitive", message: "caseSensitive must be true or false" }]);
    expect(issues({ path: "../etc/passwd", q: "x" }).map((i) => i.path)).toEqual(["path"]);
  });

  it("has URL builders for task and node files", () => {
    expect(apiUrl("taskFileSearch", { account: "a", job: "j", task: "t" }, { path: "stdout.txt", q: "ERROR 42", from: 10, direction: "backward" })).toBe(
      "/api/accounts/a/jobs/j/tasks/t/files/search?path=stdout.txt&q=ERROR+42&from=10&direction=backward",
    );
    expect(apiUrl("nodeFileSearch", { account: "a", pool: "p", node: "n" }, { path: "x.log", q: "a&b", caseSensitive: "true" })).toBe(
      "/api/accounts/a/pools/p/nodes/n/files/search?path=x.log&q=a%26b&caseSensitive=true",
    );
  });
});

describe("FileSearchResult", () => {
  it("takes a match or null, and nothing negative", () => {
    expect(FileSearchResult.safeParse({ match: { offset: 5, length: 3 }, scannedFrom: 0, scannedTo: 6, size: 10, complete: true }).success).toBe(true);
    expect(FileSearchResult.safeParse({ match: null, scannedFrom: 0, scannedTo: 10, size: 10, complete: false }).success).toBe(true);
    expect(FileSearchResult.safeParse({ match: { offset: -1, length: 3 }, scannedFrom: 0, scannedTo: 6, size: 10, complete: true }).success).toBe(false);
    expect(FileSearchResult.safeParse({ scannedFrom: 0, scannedTo: 6, size: 10, complete: true }).success).toBe(false);
  });
});
