/**
 * First-route JavaScript: builds the portal, then sums the gzip size of index.html's entry chunk,
 * its static imports and every dynamic import the pools page's first render can trigger
 * (apps/web/scripts/first-route-size.mjs reads the Vite manifest; only imports its DEFERRED table
 * explains — other routes, UI that loads on interaction or on a condition — are left out, and listed). Run with `pnpm --filter @batch-studio/bench bench:first-route-js`;
 * writes its section of docs/PERFORMANCE.md.
 */
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeReportSection } from "./report";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const web = join(root, "apps", "web");

interface FirstRoute {
  budgetKb: number;
  chunks: { file: string; bytes: number; gzip: number }[];
  totalBytes: number;
  totalGzip: number;
  deferred: { source: string; why: string; gzip: number }[];
}

execFileSync("pnpm", ["--filter", "@batch-studio/web", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
const result = JSON.parse(
  execFileSync(process.execPath, [join(web, "scripts", "first-route-size.mjs"), join(web, "dist"), "--json"], { encoding: "utf8" }),
) as FirstRoute;
const GOAL_KB = result.budgetKb;

const kb = (n: number) => (n / 1024).toFixed(1);
/** "assets/vendor-msal-B7P9RgU7.js" → "vendor-msal" (hashes change every build). */
const chunkName = (file: string) => file.replace(/^assets\//, "").replace(/-[A-Za-z0-9_-]{8}\.js$/, "");
const verdict = result.totalGzip / 1024 <= GOAL_KB ? "meets" : "MISSES";
const gzipOf = (name: string) => result.chunks.filter((c) => chunkName(c.file) === name).reduce((s, c) => s + c.gzip, 0);
/** MSAL (sign-in and tokens) and react-dom: the first route cannot render without either. */
const floor = gzipOf("vendor-msal") + gzipOf("vendor-react");

const body = `## First-route JavaScript (gzip)

What the browser loads for index.html → the pools page after sign-in: the entry chunk, its static imports and any dynamic import the first render triggers, gzip level 9.

| chunk | raw KB | gzip KB |
|---|---|---|
${result.chunks.map((c) => `| ${chunkName(c.file)} | ${kb(c.bytes)} | ${kb(c.gzip)} |`).join("\n")}
| **total** | **${kb(result.totalBytes)}** | **${kb(result.totalGzip)}** |

MSAL and react-dom alone are ${kb(floor)} KB, leaving ${kb(GOAL_KB * 1024 - floor)} KB of the budget for Fluent UI (griffel's runtime ${kb(gzipOf("vendor-griffel"))} KB, styles compiled at build time; its components sit in main and the shared chunks), TanStack Query, the router and the app (the list virtualizer loads only for long or paged lists).

Not counted, because the pools page's first render does not load them (each chunk's own size):

| module | gzip KB | loads when |
|---|---|---|
${result.deferred.map((d) => `| ${d.source} | ${kb(d.gzip)} | ${d.why} |`).join("\n")}

Goal: ≤ ${GOAL_KB} KB gzip — ${verdict} it. Measured ${new Date().toISOString().slice(0, 10)}. Command: \`pnpm --filter @batch-studio/bench bench:first-route-js\` (per-chunk table only: \`node apps/web/scripts/first-route-size.mjs\` after a build).`;

console.log(`first-route JavaScript: ${kb(result.totalGzip)} KB gzip in ${result.chunks.length} chunks (${verdict} the ${GOAL_KB} KB goal)`);
writeReportSection("first-route-js", body);
