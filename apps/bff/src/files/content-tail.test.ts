import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiUrl, MAX_TAIL_BYTES } from "@batch-studio/shared";
import { stackWithCompletedTask, withRawQuery, type OperatorApi } from "../testing/api-fixtures";
import type { LocalStack } from "../testing/local-stack";

/*
 * `tail` reads of a task's files through the BFF against the real local stack (emulator identity,
 * ARM and Batch; @azure/batch): the BFF resolves the last N bytes against the file's size, so the
 * viewer opens at the end of a file of any size in one round trip.
 */
/** What `seq 1 20000` writes: about 106 KiB, more than the viewer's 64 KiB window. */
const STDOUT = Array.from({ length: 20000 }, (_, i) => `${i + 1}\n`).join("");

describe("file content tail reads", () => {
  let stack: LocalStack;
  let account: string;
  let job: string;
  let task: string;
  let call: OperatorApi["call"];
  const content = (query: Record<string, string | number>) =>
    call(withRawQuery(apiUrl("taskFileContent", { account, job, task }, { path: "x" }), query));

  beforeAll(async () => {
    let api: OperatorApi;
    ({ stack, api, account, job, task } = await stackWithCompletedTask("tail", "/bin/sh -c 'seq 1 20000'"));
    call = api.call;
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("answers the last N bytes of a larger file as 206 with Content-Range and x-file-size", async () => {
    const size = Buffer.byteLength(STDOUT);
    const res = await content({ path: "stdout.txt", tail: 65536 });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes ${size - 65536}-${size - 1}/${size}`);
    expect(res.headers.get("x-file-size")).toBe(String(size));
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(await res.text()).toBe(STDOUT.slice(size - 65536));
  });

  it("answers the whole file, still ranged, when it is smaller than the tail", async () => {
    const size = Buffer.byteLength(STDOUT);
    const res = await content({ path: "stdout.txt", tail: MAX_TAIL_BYTES });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes 0-${size - 1}/${size}`);
    expect(await res.text()).toBe(STDOUT);
  });

  it("answers an empty file with 200, no body and x-file-size 0, as a plain read does", async () => {
    for (const query of [{ path: "stderr.txt", tail: 10 }, { path: "stderr.txt" }] as Record<
      string,
      string | number
    >[]) {
      const res = await content(query);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-file-size")).toBe("0");
      expect(res.headers.get("content-range")).toBeNull();
      expect(await res.text()).toBe("");
    }
  });

  it("refuses bad tails and tails mixed with start/end with 400 naming the field", async () => {
    const cases: [Record<string, string | number>, string][] = [
      [{ path: "stdout.txt", tail: 0 }, "tail must be at least 1 byte"],
      [{ path: "stdout.txt", tail: "2.5" }, "tail must be a whole number of bytes"],
      [{ path: "stdout.txt", tail: "end" }, "tail must be a number of bytes"],
      [{ path: "stdout.txt", tail: MAX_TAIL_BYTES + 1 }, "tail cannot be more than 16777216 bytes (16 MiB)"],
      [
        { path: "stdout.txt", tail: 10, start: 0 },
        "tail cannot be combined with start: it reads the file's last bytes",
      ],
      [
        { path: "stdout.txt", tail: 10, end: 5 },
        "tail cannot be combined with end: it reads the file's last bytes",
      ],
    ];
    for (const [query, message] of cases) {
      const res = await content(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      const problem = (await res.json()) as { issues: { path: (string | number)[]; message: string }[] };
      expect(problem.issues).toEqual([expect.objectContaining({ path: ["tail"], message })]);
    }
  });
});
