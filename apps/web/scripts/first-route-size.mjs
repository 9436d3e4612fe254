#!/usr/bin/env node
/**
 * Gzip size of the JavaScript the first route loads: index.html's entry module and every chunk
 * it imports statically (transitively), read from the Vite manifest. Lazy chunks (React.lazy
 * pages, dynamic imports) are excluded; they load only when their route is visited.
 * index.html's <script>/<link rel=modulepreload> tags are added too, so nothing the browser
 * fetches up front is missed even if the manifest and the HTML disagree.
 *
 * Usage: node scripts/first-route-size.mjs [distDir] [--json]   (after `vite build`)
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const HTML_ENTRY = "index.html";

/** Files (dist-relative) named by index.html's module script and modulepreload links. */
const scriptsInHtml = (html) => {
  const files = new Set();
  for (const m of html.matchAll(/<script[^>]*\bsrc="\/?([^"]+\.js)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/?([^"]+\.js)"/g)) files.add(m[1]);
  return files;
};

/** The entry chunk plus the transitive closure of its static `imports` (never `dynamicImports`). */
const staticClosure = (manifest, entryKey) => {
  const seen = new Set();
  const files = [];
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no chunk "${key}"`);
    files.push(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  visit(entryKey);
  return files;
};

export const measureFirstRoute = (distDir) => {
  const manifest = JSON.parse(readFileSync(join(distDir, ".vite", "manifest.json"), "utf8"));
  if (!manifest[HTML_ENTRY]) throw new Error(`no "${HTML_ENTRY}" entry in the manifest`);
  const files = new Set(staticClosure(manifest, HTML_ENTRY));
  for (const f of scriptsInHtml(readFileSync(join(distDir, HTML_ENTRY), "utf8"))) files.add(f);
  const chunks = [...files].map((file) => {
    const bytes = readFileSync(join(distDir, file));
    return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  chunks.sort((a, b) => b.gzip - a.gzip);
  return {
    chunks,
    totalBytes: chunks.reduce((s, c) => s + c.bytes, 0),
    totalGzip: chunks.reduce((s, c) => s + c.gzip, 0),
  };
};

const kb = (n) => (n / 1024).toFixed(1);

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const distDir = resolve(args.find((a) => !a.startsWith("--")) ?? join(fileURLToPath(new URL("..", import.meta.url)), "dist"));
  const result = measureFirstRoute(distDir);
  if (args.includes("--json")) {
    console.log(JSON.stringify(result));
  } else {
    const width = Math.max(...result.chunks.map((c) => c.file.length));
    console.log(`${"chunk".padEnd(width)}  ${"raw KB".padStart(8)}  ${"gzip KB".padStart(8)}`);
    for (const c of result.chunks) console.log(`${c.file.padEnd(width)}  ${kb(c.bytes).padStart(8)}  ${kb(c.gzip).padStart(8)}`);
    console.log(`${"total".padEnd(width)}  ${kb(result.totalBytes).padStart(8)}  ${kb(result.totalGzip).padStart(8)}`);
    console.log(`first-route JavaScript: ${kb(result.totalGzip)} KB gzip in ${result.chunks.length} chunks`);
  }
}
