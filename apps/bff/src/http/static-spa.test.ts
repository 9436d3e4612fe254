import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import express from "express";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staticSpa } from "./static-spa";

const APP_JS = `console.log(${JSON.stringify("x".repeat(4000))});`;
const INDEX = `<!doctype html><title>Batch Studio</title>${"<!-- padding -->".repeat(100)}`;

describe("staticSpa", () => {
  let dir: string;
  let origin: string;
  let server: ReturnType<ReturnType<typeof express>["listen"]>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "bff-static-"));
    await mkdir(join(dir, "assets"));
    const put = async (name: string, text: string, siblings: boolean) => {
      await writeFile(join(dir, name), text);
      if (!siblings) return;
      await writeFile(join(dir, `${name}.br`), brotliCompressSync(Buffer.from(text)));
      await writeFile(join(dir, `${name}.gz`), gzipSync(Buffer.from(text)));
    };
    await put("index.html", INDEX, true);
    await put("assets/app-abc12345.js", APP_JS, true);
    await put("assets/tiny-abc12345.js", "export{};", false);
    const app = express();
    app.use(staticSpa(dir)!);
    server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  const get = (path: string, acceptEncoding?: string) =>
    request(`${origin}${path}`, { headers: acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding } });

  it("sends the brotli copy to a browser that accepts it, typed and cached as the original", async () => {
    const res = await get("/assets/app-abc12345.js", "gzip, deflate, br");
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toMatch(/javascript/);
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    const body = Buffer.from(await res.body.arrayBuffer());
    expect(body.equals(brotliCompressSync(Buffer.from(APP_JS)))).toBe(true);
  });

  it("falls back to gzip, then to the file as it is", async () => {
    const gz = await get("/assets/app-abc12345.js", "gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    await gz.body.dump();
    const plain = await get("/assets/app-abc12345.js", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(await plain.body.text()).toBe(APP_JS);
    const none = await get("/assets/tiny-abc12345.js", "br");
    expect(none.headers["content-encoding"]).toBeUndefined();
    expect(await none.body.text()).toBe("export{};");
  });

  it("answers client-side routes with index.html, compressed and never cached", async () => {
    const res = await fetch(`${origin}/a/acct/pools`, { headers: { accept: "text/html", "accept-encoding": "br" } });
    expect(res.headers.get("content-encoding")).toBe("br");
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(await res.text()).toBe(INDEX);
  });

  it("never serves a file outside its folder", async () => {
    const secret = join(dir, "..", `${dir.split("/").pop()}-secret.js`);
    await writeFile(secret, "SECRET");
    await writeFile(`${secret}.br`, brotliCompressSync(Buffer.from("SECRET")));
    try {
      for (const encoding of ["br", "identity"]) {
        const res = await get(`/assets/..%2f..%2f${secret.split("/").pop()}`, encoding);
        expect(await res.body.text()).not.toContain("SECRET");
      }
    } finally {
      await rm(secret, { force: true });
      await rm(`${secret}.br`, { force: true });
    }
  });
});
