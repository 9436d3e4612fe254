import { lstat, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadResourceFiles, type DownloadPlace } from "./resource-files";

describe("downloadResourceFiles (httpUrl, confined writes)", () => {
  let anchor: string;
  let outside: string;
  let server: Server;
  let base: string;
  const place = (): DownloadPlace => ({
    anchor,
    workingDir: join(anchor, "nodes", "p", "n", "wd"),
    signal: new AbortController().signal,
  });

  beforeAll(async () => {
    anchor = await mkdtemp(join(tmpdir(), "bs-rf-"));
    outside = await mkdtemp(join(tmpdir(), "bs-rf-outside-"));
    await writeFile(join(outside, "victim.txt"), "untouched");
    await mkdir(join(anchor, "nodes", "p", "n", "wd"), { recursive: true });
    server = createServer((req, res) => {
      if (req.url?.startsWith("/ok")) res.writeHead(200).end("payload");
      else if (req.url?.startsWith("/private")) res.writeHead(403).end();
      else res.writeHead(500).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await rm(anchor, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it("writes the file in folders it makes, with the given mode", async () => {
    expect(
      await downloadResourceFiles(
        [{ httpUrl: `${base}/ok`, filePath: "a/b/c.txt", fileMode: "0640" }],
        place(),
      ),
    ).toBeUndefined();
    const file = join(place().workingDir, "a", "b", "c.txt");
    expect(await readFile(file, "utf8")).toBe("payload");
    expect((await stat(file)).mode & 0o777).toBe(0o640);
  });

  it("replaces a link left at the target instead of writing through it", async () => {
    await symlink(join(outside, "victim.txt"), join(place().workingDir, "linked.txt"));
    expect(
      await downloadResourceFiles([{ httpUrl: `${base}/ok`, filePath: "linked.txt" }], place()),
    ).toBeUndefined();
    expect((await lstat(join(place().workingDir, "linked.txt"))).isSymbolicLink()).toBe(false);
    expect(await readFile(join(outside, "victim.txt"), "utf8")).toBe("untouched");
  });

  it("refuses a folder link on the way with ResourceFileCreateFailed", async () => {
    await symlink(outside, join(place().workingDir, "escape"));
    const failure = await downloadResourceFiles(
      [{ httpUrl: `${base}/ok`, filePath: "escape/victim.txt" }],
      place(),
    );
    expect(failure).toMatchObject({ category: "usererror", code: "ResourceFileCreateFailed" });
    expect(await readFile(join(outside, "victim.txt"), "utf8")).toBe("untouched");
  });

  it("names the remote refusal without the URL's query", async () => {
    const failure = await downloadResourceFiles(
      [{ httpUrl: `${base}/private?sig=hidden`, filePath: "p.txt" }],
      place(),
    );
    expect(failure).toMatchObject({
      code: "BlobAccessDenied",
      details: [
        { name: "FilePath", value: "p.txt" },
        { name: "Message", value: `HTTP 403 from ${base}/private` },
      ],
    });
  });

  it("reports an unreachable server as BlobDownloadMiscError and stops at the first failure", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const failure = await downloadResourceFiles(
      [
        { httpUrl: `http://127.0.0.1:${port}/x`, filePath: "x.txt" },
        { httpUrl: `${base}/ok`, filePath: "after.txt" },
      ],
      place(),
    );
    expect(failure).toMatchObject({ code: "BlobDownloadMiscError" });
    expect(failure?.details?.[1]?.value).toBe("ECONNREFUSED");
    await expect(stat(join(place().workingDir, "after.txt"))).rejects.toThrow();
  });
});
