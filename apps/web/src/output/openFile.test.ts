import { describe, expect, it } from "vitest";
import { fakeApi, problem } from "../test/fakeApi";
import { openFile } from "./openFile";
import { LOOK_BEHIND } from "./byteBoundary";
import { taskFileSource, WINDOW_BYTES } from "./outputSource";

const CONTENT = "/api/accounts/acct/jobs/job/tasks/t1/files/content";
const source = taskFileSource("acct", "job", "t1", "stdout.txt");
const W = WINDOW_BYTES;

/**
 * The BFF's content route: inclusive ranges clamped to the end, or the last `tail` bytes; x-file-size
 * and Content-Range; 416 past a non-empty file's end; 404 for no file.
 */
function bff(file: () => Uint8Array | undefined) {
  const log: string[] = [];
  const api = fakeApi({
    [`GET ${CONTENT}`]: ({ url }) => {
      const tail = url.searchParams.get("tail");
      const bytes = file();
      log.push(tail !== null ? `tail=${tail}` : `${url.searchParams.get("start")}-${url.searchParams.get("end")}`);
      if (!bytes) throw problem(404, "The file does not exist");
      const start = tail !== null ? Math.max(0, bytes.length - Number(tail)) : Number(url.searchParams.get("start"));
      const end = tail !== null ? bytes.length - 1 : Math.min(Number(url.searchParams.get("end")), bytes.length - 1);
      if (bytes.length > 0 && start >= bytes.length) throw problem(416, "The byte range starts after the end of the file");
      const headers: Record<string, string> = { "x-file-size": String(bytes.length) };
      if (bytes.length) headers["content-range"] = `bytes ${start}-${end}/${bytes.length}`;
      return new Response(bytes.slice(start, end + 1), { status: bytes.length ? 206 : 200, headers });
    },
  });
  return { api, log };
}

const text = (bytes: number) => new TextEncoder().encode(Array.from({ length: Math.ceil(bytes / 10) }, (_, i) => `${String(i).padStart(9, "0")}\n`).join("").slice(0, bytes));
const open = (api: ReturnType<typeof fakeApi>, at: Parameters<typeof openFile>[2], sizeHint?: number) => openFile(api, source, at, { sizeHint, signal: new AbortController().signal });

/** The one tail read: a window plus the look-behind that finds its safe start. */
const TAIL = `tail=${W + LOOK_BEHIND}`;

describe("openFile at the tail", () => {
  it("opens a file of up to one window, size unknown, in one tail request that also tells its size", async () => {
    const { api, log } = bff(() => text(5000));
    const opened = await open(api, { kind: "tail" });
    expect(log).toEqual([TAIL]);
    expect(opened.size).toBe(5000);
    expect(opened.buffer.start).toBe(0);
    expect(opened.buffer.end).toBe(5000);
  });

  it("opens an empty file in one request", async () => {
    const { api, log } = bff(() => new Uint8Array(0));
    const opened = await open(api, { kind: "tail" });
    expect(log).toHaveLength(1);
    expect(opened.size).toBe(0);
    expect(opened.buffer.view()).toEqual([]);
  });

  it("without a size, opens a large file at its last window in one request", async () => {
    const file = text(1_000_000);
    const { api, log } = bff(() => file);
    const opened = await open(api, { kind: "tail" });
    expect(log).toEqual([TAIL]);
    expect(opened.buffer.end).toBe(file.length);
    expect(opened.buffer.end - opened.buffer.start).toBeLessThanOrEqual(W);
    expect(opened.size).toBe(file.length);
  });

  it("starts the tail window on a character boundary, using the look-behind bytes", async () => {
    // "x", two-byte characters (each starting at an odd offset), "\n": an even length.
    const file = new TextEncoder().encode(`x${"é".repeat(40_000)}\n`);
    const { api } = bff(() => file);
    const opened = await open(api, { kind: "tail" });
    const wanted = file.length - W;
    expect(wanted % 2).toBe(0); // the arithmetic start is inside a character…
    expect(opened.buffer.start).toBe(wanted + 1); // …so the window starts at the next one
    expect(opened.buffer.view()[0]!.text.startsWith("é")).toBe(true);
  });

  it("with the listing's exact size of a large file, still one tail request", async () => {
    const file = text(1_000_000);
    const { api, log } = bff(() => file);
    const opened = await open(api, { kind: "tail" }, file.length);
    expect(log).toEqual([TAIL]);
    expect(opened.buffer.end).toBe(file.length);
    expect(opened.buffer.end - opened.buffer.start).toBeLessThanOrEqual(W);
  });

  it("with a listing behind a running task, still one request", async () => {
    const file = text(1_000_000);
    const { api, log } = bff(() => file);
    const opened = await open(api, { kind: "tail" }, file.length - 10_000);
    expect(log).toHaveLength(1);
    expect(opened.buffer.end).toBe(file.length);
    expect(opened.size).toBe(file.length);
  });

  it("reads a file the listing says is small from its start, with a window to spare, in one request", async () => {
    const file = text(5000 + W / 2);
    const { api, log } = bff(() => file);
    const opened = await open(api, { kind: "tail" }, 5000);
    expect(log).toEqual([`0-${5000 - 1 + W}`]);
    expect(opened.buffer.start).toBe(0);
    expect(opened.buffer.end).toBe(file.length);
  });

  it("reads the real tail when a file listed as small grew by more than a window since", async () => {
    const file = text(1_000_000);
    const { api, log } = bff(() => file);
    const opened = await open(api, { kind: "tail" }, 5000);
    expect(log).toEqual([`0-${5000 - 1 + W}`, TAIL]);
    expect(opened.buffer.end).toBe(file.length);
  });

  it("needs no size: a listing that overstates it (the file was rewritten) costs nothing", async () => {
    const file = text(1000);
    const { api, log } = bff(() => file);
    const opened = await open(api, { kind: "tail" }, 10 * W);
    expect(log).toEqual([TAIL]);
    expect(opened.buffer.end).toBe(1000);
  });

  it("lets a 404 through, for the viewer to decide whether it is an error", async () => {
    const { api } = bff(() => undefined);
    await expect(open(api, { kind: "tail" })).rejects.toMatchObject({ status: 404 });
  });
});

describe("openFile at a deep link", () => {
  it("reads the window around a byte in one request", async () => {
    const file = text(1_000_000);
    const { api, log } = bff(() => file);
    const opened = await open(api, { kind: "byte", offset: 500_000 });
    expect(log).toEqual([`${500_000 - W / 2 - 64}-${500_000 + W / 2 - 1}`]);
    expect(opened.buffer.start).toBeLessThanOrEqual(500_000);
    expect(opened.buffer.end).toBeGreaterThan(500_000);
    expect(opened.notice).toBeUndefined();
  });

  it("opens at the tail with a notice when the byte is past the end", async () => {
    const file = text(100_000);
    const { api } = bff(() => file);
    const opened = await open(api, { kind: "byte", offset: 5_000_000 });
    expect(opened.buffer.end).toBe(file.length);
    expect(opened.notice).toBe(`Byte 5000000 is past the end of the file (${file.length} bytes).`);
  });

  it("reads a line in the first window in one request", async () => {
    const { api, log } = bff(() => text(50_000));
    const opened = await open(api, { kind: "line", line: 42 });
    expect(log).toEqual([`0-${W - 1}`]);
    expect(opened.buffer.view()[41]).toMatchObject({ number: 42, text: "000000041" });
  });
});
