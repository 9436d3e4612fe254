import { Readable } from "node:stream";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileSearchQuery, FileSearchResult } from "@batch-studio/shared";
import type { FileSource } from "../gateways/batch-gateway";
import { toProblem } from "../http/problem";
import { serveFileSearch } from "./file-search";

/**
 * The search route's handler over an in-memory file with small limits (1 KiB chunks, 4 KiB per
 * request), so budgets and continuations show on small data. search-stack.test.ts runs the real
 * route through the local stack.
 */
const LIMITS = { chunkBytes: 1024, budgetBytes: 4096 };

/** 10,000 bytes of filler with "Fatal ERROR" at 7,000; each read is logged. */
const content = Buffer.from(`${"a".repeat(7000)}Fatal ERROR${"b".repeat(2989)}`);

describe("file search handler", () => {
  const reads: { start: number; end: number }[] = [];
  let destroyed = 0;
  /** When set, each read's stream yields its bytes slowly, in 100-byte pieces 20 ms apart. */
  let slow = false;
  const source: FileSource = {
    list: async () => [],
    properties: async (path) => ({ size: path === "dir" ? 0 : content.length, isDirectory: path === "dir" }),
    read: async (_path, range) => {
      reads.push(range!);
      const slice = content.subarray(range!.start, range!.end + 1);
      if (!slow) return { size: slice.length, isDirectory: false, stream: Readable.from([slice]) };
      const stream = Readable.from(
        (async function* () {
          for (let i = 0; i < slice.length; i += 100) {
            await new Promise((r) => setTimeout(r, 20));
            yield slice.subarray(i, i + 100);
          }
        })(),
      );
      stream.on("close", () => destroyed++);
      return { size: slice.length, isDirectory: false, stream };
    },
  };

  let base = "";
  let close: () => void = () => undefined;
  beforeAll(async () => {
    const app = express();
    app.get("/search", (req, res, next) => {
      const parsed = FileSearchQuery.safeParse(req.query);
      if (!parsed.success) return void res.status(400).json(parsed.error.issues);
      serveFileSearch(source, parsed.data, res, LIMITS)
        .then((result) => void (result && res.json(result)))
        .catch((err: unknown) => {
          const { problem } = toProblem(err);
          res.status(problem.status).json({ title: problem.title });
        })
        .catch(next);
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

  const search = async (query: Record<string, string | number>) => {
    const res = await fetch(`${base}/search?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    return FileSearchResult.parse(await res.json());
  };

  it("answers within the budget with where it stopped, and the next request from there finds the match", async () => {
    reads.length = 0;
    const first = await search({ path: "stdout.txt", q: "error" });
    expect(first).toEqual({ match: null, scannedFrom: 0, scannedTo: first.scannedTo, size: 10_000, complete: false });
    expect(reads.reduce((sum, r) => sum + r.end - r.start + 1, 0)).toBeLessThanOrEqual(LIMITS.budgetBytes + LIMITS.chunkBytes);
    const second = await search({ path: "stdout.txt", q: "error", from: first.scannedTo });
    expect(second).toMatchObject({ match: { offset: 7006, length: 5 }, complete: true });
    // Case matters when asked: then nothing up to the end, two requests on.
    let exact = await search({ path: "stdout.txt", q: "error", from: first.scannedTo, caseSensitive: "true" });
    let requests = 1;
    while (!exact.complete && requests++ < 10) exact = await search({ path: "stdout.txt", q: "error", from: exact.scannedTo, caseSensitive: "true" });
    expect(exact).toMatchObject({ match: null, complete: true, scannedTo: 10_000 });
    expect(requests).toBe(2);
  });

  it("searches backward from the end when no `from` is given", async () => {
    const back = await search({ path: "stdout.txt", q: "Fatal", direction: "backward" });
    expect(back).toEqual({ match: { offset: 7000, length: 5 }, scannedFrom: 7000, scannedTo: 10_000, size: 10_000, complete: true });
  });

  it("refuses a directory with 400", async () => {
    const res = await fetch(`${base}/search?path=dir&q=x`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ title: "That path is a directory" });
  });

  it("stops reading the file when the client goes away", async () => {
    reads.length = 0;
    destroyed = 0;
    slow = true;
    try {
      const controller = new AbortController();
      const pending = fetch(`${base}/search?path=stdout.txt&q=nowhere`, { signal: controller.signal }).catch(() => undefined);
      await expect.poll(() => reads.length).toBe(1);
      controller.abort();
      await pending;
      await expect.poll(() => destroyed).toBe(1);
      // A whole chunk takes 200 ms at this pace; well after that, no further read has begun.
      await new Promise((r) => setTimeout(r, 400));
      expect(reads).toHaveLength(1);
    } finally {
      slow = false;
    }
  });
});
