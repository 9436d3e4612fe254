import { describe, expect, it } from "vitest";
import { fileHeaders } from "@batch-studio/shared";
import { fakeApi, problem } from "../test/fakeApi";
import { openFile, TOTAL_SIZE_HEADER } from "./openFile";
import { taskFileSource, WINDOW_BYTES } from "./outputSource";

const CONTENT = "/api/accounts/acct/jobs/job/tasks/t1/files/content";
const source = taskFileSource("acct", "job", "t1", "stdout.txt");
const W = WINDOW_BYTES;

/** The BFF's content route: inclusive ranges clamped to the end, x-file-size, 416 past a non-empty file's end, 404 for no file. */
function bff(file: () => Uint8Array | undefined) {
  const log: string[] = [];
  const api = fakeApi({
    [`GET ${CONTENT}`]: ({ url }) => {
      const start = Number(url.searchParams.get("start"));
      const end = Number(url.searchParams.get("end"));
      log.push(`${start}-${end}`);
      const bytes = file();
      if (!bytes) throw problem(404, "The file does not exist");
      if (bytes.length > 0 && start >= bytes.length) throw problem(416, "The byte range starts after the end of the file");
      return new Response(bytes.slice(start, end + 1), { status: bytes.length ? 206 : 200, headers: { "x-file-size": String(bytes.length) } });
    },
  });
  return { api, log };
}

const text = (bytes: number) => new TextEncoder().encode(Array.from({ length: Math.ceil(bytes / 10) }, (_, i) => `${String(i).padStart(9, "0")}\n`).join("").slice(0, bytes));
const open = (api: ReturnType<typeof fakeApi>, at: Parameters<typeof openFile>[2], sizeHint?: number) => openFile(api, source, at, { sizeHint, signal: new AbortController().signal });

it("reads the size from the header the BFF names in shared", () => {
  expect(TOTAL_SIZE_HEADER).toBe(fileHeaders.totalSize);
});

describe("openFile at the tail", () => {
  it("opens a file of up to one window in one request, which also learns its size", async () => {
    const { api, log } = bff(() => text(5000));
    const opened = await open(api, { kind: "tail" });
    expect(log).toEqual([`0-${W - 1}`]);
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

  it("without a size, reads the first window for it and then the tail: two requests, one after the other", async () => {
    const file = text(1_000_000);
    const { api, log } = bff(() => file);
    const opened = await open(api, { kind: "tail" });
    expect(log).toEqual([`0-${W - 1}`, `${file.length - W - 64}-${file.length - 1}`]);
    expect(opened.buffer.end).toBe(file.length);
    expect(opened.size).toBe(file.length);
  });

  it("takes only the size from the first window's answer, leaving its body unread, when the file is larger", async () => {
    const file = text(1_000_000);
    let cancelled = false;
    const api = fakeApi({
      [`GET ${CONTENT}`]: ({ url }) => {
        const start = Number(url.searchParams.get("start"));
        const bytes = file.slice(start, Number(url.searchParams.get("end")) + 1);
        const body =
          start === 0
            ? new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(bytes.slice(0, 1)), cancel: () => void (cancelled = true) }, { highWaterMark: 0 })
            : bytes;
        return new Response(body, { status: 206, headers: { "x-file-size": String(file.length) } });
      },
    });
    const opened = await open(api, { kind: "tail" });
    expect(cancelled).toBe(true);
    expect(opened.buffer.end).toBe(file.length);
  });

  it("with the listing's exact size, reads the tail in one request", async () => {
    const file = text(1_000_000);
    const { api, log } = bff(() => file);
    const opened = await open(api, { kind: "tail" }, file.length);
    expect(log).toEqual([`${file.length - W - 64}-${file.length - 1 + W}`]);
    expect(opened.buffer.end).toBe(file.length);
    expect(opened.buffer.end - opened.buffer.start).toBeLessThanOrEqual(W);
  });

  it("with a listing behind a running task, still one request while the file grew by less than a window", async () => {
    const file = text(1_000_000);
    const { api, log } = bff(() => file);
    const opened = await open(api, { kind: "tail" }, file.length - 10_000);
    expect(log).toHaveLength(1);
    expect(opened.buffer.end).toBe(file.length);
    expect(opened.size).toBe(file.length);
  });

  it("reads the real tail when the file grew by more than a window since the listing", async () => {
    const file = text(1_000_000);
    const { api, log } = bff(() => file);
    const opened = await open(api, { kind: "tail" }, 500_000);
    expect(log).toEqual([`${500_000 - W - 64}-${500_000 - 1 + W}`, `${file.length - W - 64}-${file.length - 1}`]);
    expect(opened.buffer.end).toBe(file.length);
  });

  it("learns the size afresh when the file is shorter than the listing said", async () => {
    const file = text(1000);
    const { api, log } = bff(() => file);
    const opened = await open(api, { kind: "tail" }, 10 * W);
    expect(log).toEqual([`${9 * W - 64}-${11 * W - 1}`, `0-${W - 1}`]);
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
