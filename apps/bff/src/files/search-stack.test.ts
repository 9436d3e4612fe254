import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiUrl, FileSearchResult } from "@batch-studio/shared";
import { stackWithCompletedTask, withRawQuery, type OperatorApi } from "../testing/api-fixtures";
import type { LocalStack } from "../testing/local-stack";

/*
 * Whole-file search through the real app against the local stack (emulator identity, ARM and
 * Batch; @azure/batch; tasks as host processes, so no Docker): the route table's schema parses the
 * query, the handler reads the task's file by byte ranges and answers JSON by the shared schema.
 */
/** What `seq 1 300000` writes: 1,988,895 bytes, "1\n2\n…300000\n". */
const STDOUT = Array.from({ length: 300_000 }, (_, i) => `${i + 1}\n`).join("");

describe("whole-file search through the BFF", () => {
  let stack: LocalStack;
  let account: string;
  let job: string;
  let task: string;
  let call: OperatorApi["call"];
  const search = (query: Record<string, string | number>) =>
    call(withRawQuery(apiUrl("taskFileSearch", { account, job, task }, { path: "x", q: "x" }), query));
  const found = async (query: Record<string, string | number>) => {
    const res = await search(query);
    expect(res.status, JSON.stringify(query)).toBe(200);
    return FileSearchResult.parse(await res.json());
  };

  beforeAll(async () => {
    let api: OperatorApi;
    ({ stack, api, account, job, task } = await stackWithCompletedTask(
      "search",
      "/bin/sh -c 'seq 1 300000'",
    ));
    call = api.call;
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("finds the first match after `from` and the last one before it, at byte offsets of the file", async () => {
    const size = Buffer.byteLength(STDOUT);
    const first = await found({ path: "stdout.txt", q: "\n299999\n" });
    expect(first).toEqual({
      match: { offset: STDOUT.indexOf("\n299999\n"), length: 8 },
      scannedFrom: 0,
      scannedTo: STDOUT.indexOf("\n299999\n") + 1,
      size,
      complete: true,
    });
    const last = await found({ path: "stdout.txt", q: "\n12345", direction: "backward" });
    expect(last.match).toEqual({ offset: STDOUT.lastIndexOf("\n12345"), length: 6 });
    const before = await found({
      path: "stdout.txt",
      q: "\n12345",
      direction: "backward",
      from: last.match!.offset,
    });
    expect(before.match?.offset).toBe(STDOUT.lastIndexOf("\n12345", last.match!.offset - 1));
    const none = await found({ path: "stdout.txt", q: "ERROR" });
    expect(none).toEqual({ match: null, scannedFrom: 0, scannedTo: size, size, complete: true });
  });

  it("answers an empty file without a match", async () => {
    expect(await found({ path: "stderr.txt", q: "x" })).toEqual({
      match: null,
      scannedFrom: 0,
      scannedTo: 0,
      size: 0,
      complete: true,
    });
  });

  it("refuses bad queries with 400 naming the field, and a missing file with 404", async () => {
    const cases: [Record<string, string | number>, string, string][] = [
      [{ path: "stdout.txt", q: "" }, "q", "q cannot be empty"],
      [{ path: "stdout.txt", q: "x".repeat(257) }, "q", "q cannot be longer than 256 characters"],
      [{ path: "stdout.txt", q: "x", from: -1 }, "from", "from cannot be negative"],
      [
        { path: "stdout.txt", q: "x", direction: "sideways" },
        "direction",
        "direction must be forward or backward",
      ],
    ];
    for (const [query, field, message] of cases) {
      const res = await search(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      const problem = (await res.json()) as { issues: { path: (string | number)[]; message: string }[] };
      expect(problem.issues).toEqual([expect.objectContaining({ path: [field], message })]);
    }
    expect((await search({ path: "no-such-file.txt", q: "x" })).status).toBe(404);
  });
});
