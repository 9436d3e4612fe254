import { Readable } from "node:stream";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileSource } from "../gateways/batch-gateway";
import { contentDisposition, rangeOf, serveFileRange, serveFollow } from "./file-routes";

/** An in-memory task file that a test appends to, standing in for Batch's file API. */
const growingFile = () => {
  let content = Buffer.alloc(0);
  let state = "running";
  let failure: Error | undefined;
  /** Every call to Batch fails with `failure` while one is set (the service is down). */
  const answer = () => {
    if (failure) throw failure;
  };
  const source: FileSource = {
    list: async () => [],
    properties: async () => {
      answer();
      return { size: content.length, isDirectory: false };
    },
    read: async (_path, range) => {
      answer();
      const slice = range ? content.subarray(range.start, range.end + 1) : content;
      return { size: slice.length, isDirectory: false, stream: Readable.from([slice]) };
    },
    taskState: async () => {
      answer();
      return state === "completed" ? { state, exitCode: 3 } : { state };
    },
  };
  return {
    source,
    append: (text: string | Buffer) => (content = Buffer.concat([content, Buffer.from(text)])),
    complete: () => (state = "completed"),
    fail: (err: Error | undefined) => (failure = err),
  };
};

/** What Node's HTTP client throws when nothing listens on the port (Batch restarting). */
const connectionRefused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4410"), { code: "ECONNREFUSED" });

/** Reads an SSE response until `stop(text so far)` holds or the stream ends. */
const readUntil = async (reader: ReadableStreamDefaultReader<string>, stop: (text: string) => boolean, text = "") => {
  while (!stop(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  return text;
};

const parseEvents = (text: string) =>
  text
    .split("\n\n")
    .filter((b) => b.includes("event:"))
    .map((b) => ({
      id: /^id: (.*)$/m.exec(b)?.[1],
      event: /^event: (.*)$/m.exec(b)![1]!,
      data: JSON.parse(/^data: (.*)$/m.exec(b)![1]!) as Record<string, unknown>,
    }));

describe("file routes", () => {
  const file = growingFile();
  let base = "";
  let close: () => void = () => undefined;
  beforeAll(async () => {
    const app = express();
    app.get("/follow", (req, res) => void serveFollow(file.source, { path: "stdout.txt", from: Number(req.query.from ?? 0) }, req, res, { intervalMs: 20 }));
    app.get("/range", (req, res, next) => {
      const q = { path: "stdout.txt", ...(req.query.start ? { start: Number(req.query.start) } : {}), ...(req.query.end ? { end: Number(req.query.end) } : {}) };
      serveFileRange(file.source, q, res).catch(next);
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    close = () => {
      server.closeAllConnections();
      server.close();
    };
  });
  afterAll(() => close());

  it("pushes appended bytes as they come, splits a backlog into ≤256 KiB events, and ends when the task completes", async () => {
    file.append("a".repeat(300 * 1024));
    const res = await fetch(`${base}/follow`);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    // Wait until the backlog arrived, then append while following: the new bytes must be pushed.
    while (!text.includes(`id: ${300 * 1024}\n`)) text += (await reader.read()).value ?? "";
    file.append("tail\n");
    while (!text.includes(`id: ${300 * 1024 + 5}\n`)) text += (await reader.read()).value ?? "";
    file.complete();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    const events = parseEvents(text);
    const data = events.filter((e) => e.event === "data");
    expect(data.every((e) => (e.data.length as number) <= 256 * 1024)).toBe(true);
    expect(data.map((e) => e.data.offset)).toEqual([0, 256 * 1024, 300 * 1024]);
    expect(data.at(-1)!.id).toBe(String(300 * 1024 + 5));
    expect(events.at(-1)).toMatchObject({ event: "end", data: { reason: "completed", exitCode: 3, size: 300 * 1024 + 5 } });
  });

  it("resumes from Last-Event-ID without repeating bytes", async () => {
    const text = await (await fetch(`${base}/follow`, { headers: { "last-event-id": String(300 * 1024) } })).text();
    const data = parseEvents(text).filter((e) => e.event === "data");
    expect(data).toHaveLength(1);
    expect(data[0]!.data).toMatchObject({ offset: 300 * 1024, encoding: "utf8", data: "tail\n" });
  });

  it("keeps following while Batch cannot be reached, then sends every byte once when it answers again", async () => {
    const flaky = growingFile();
    const app = express();
    app.get("/follow", (req, res) => void serveFollow(flaky.source, { path: "stdout.txt", from: 0 }, req, res, { intervalMs: 20 }));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    try {
      flaky.append("before\n");
      const res = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/follow`);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = await readUntil(reader, (t) => t.includes("id: 7\n"));
      flaky.fail(connectionRefused());
      flaky.append("during\n");
      await new Promise((r) => setTimeout(r, 1200)); // several retries while down
      flaky.fail(undefined);
      text = await readUntil(reader, (t) => t.includes("id: 14\n"), text);
      flaky.append("after\n");
      flaky.complete();
      text = await readUntil(reader, () => false, text);
      const events = parseEvents(text);
      const data = events.filter((e) => e.event === "data").map((e) => e.data.data).join("");
      expect(data).toBe("before\nduring\nafter\n");
      expect(events.at(-1)).toMatchObject({ event: "end", data: { reason: "completed", size: 20 } });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("ends with an error at once when the failure is not Batch being unreachable", async () => {
    const broken = growingFile();
    broken.fail(new Error("a bug"));
    const app = express();
    app.get("/follow", (req, res) => void serveFollow(broken.source, { path: "stdout.txt", from: 0 }, req, res, { intervalMs: 20 }));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    try {
      const text = await (await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/follow`)).text();
      expect(parseEvents(text)).toEqual([{ id: undefined, event: "end", data: { reason: "error", size: 0, message: "Something went wrong in the portal's backend" } }]);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("serves byte ranges with 206 + Content-Range, and 416 past the end", async () => {
    const res = await fetch(`${base}/range?start=${300 * 1024}&end=${300 * 1024 + 3}`);
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes ${300 * 1024}-${300 * 1024 + 3}/${300 * 1024 + 5}`);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(await res.text()).toBe("tail");
    const whole = await fetch(`${base}/range`);
    expect(whole.status).toBe(200);
    expect((await whole.arrayBuffer()).byteLength).toBe(300 * 1024 + 5);
  });

  it("resolves a tail against the size: the last bytes, or the whole file when it is smaller", () => {
    expect(rangeOf({ path: "f", tail: 10 }, 100)).toEqual({ start: 90, end: 99 });
    expect(rangeOf({ path: "f", tail: 1000 }, 100)).toEqual({ start: 0, end: 99 });
    expect(rangeOf({ path: "f", start: 5 }, 100)).toEqual({ start: 5, end: 99 });
    expect(rangeOf({ path: "f", end: 500 }, 100)).toEqual({ start: 0, end: 99 });
    expect(rangeOf({ path: "f" }, 100)).toBeUndefined();
  });

  it("names downloads safely", () => {
    expect(contentDisposition("wd/out dir/résumé\".txt")).toBe(`attachment; filename="r_sum__.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9%22.txt`);
  });
});
