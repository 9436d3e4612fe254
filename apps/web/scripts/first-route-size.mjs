#!/usr/bin/env node
/**
 * Gzip size of the JavaScript the browser fetches to show the first route (the pools page,
 * /a/:account/pools, after sign-in): index.html's entry module and every chunk it imports
 * statically (transitively), read from the Vite manifest, plus index.html's <script> and
 * <link rel=modulepreload> tags, so nothing fetched up front is missed even if the manifest and
 * the HTML disagree.
 *
 * Dynamic imports reachable from those chunks are counted too (with their own static imports),
 * unless DEFERRED below says why the pools page's first render does not trigger them: another
 * route's page, or UI that loads on interaction. A new dynamic import is therefore counted until
 * someone writes down here why it does not load with the pools page.
 *
 * Usage: node scripts/first-route-size.mjs [distDir] [--json] [--check]   (after `vite build`)
 * --check exits 1 when the total is over BUDGET_KB, so the test command keeps the budget.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const HTML_ENTRY = "index.html";
/** The goal for the first route, gzip KB (KiB, as printed). */
export const BUDGET_KB = 200;

/** Dynamic imports the pools page's first render does not trigger, by source module, and why. */
export const DEFERRED = {
  "src/accounts/AccountPickerPage.tsx": "route /",
  "src/accounts/AccountPage.tsx": "route /a/:account/account",
  "src/pools/PoolPage.tsx": "route /a/:account/pools/:pool",
  "src/wizard/PoolWizardPage.tsx": "route /a/:account/pools/new",
  "src/nodes/NodePage.tsx": "route …/nodes/:node",
  "src/jobs/JobsPage.tsx": "route /a/:account/jobs",
  "src/jobs/JobPage.tsx": "route /a/:account/jobs/:job",
  "src/jobs/NewJobPage.tsx": "route /a/:account/jobs/new",
  "src/jobs/EditJobPage.tsx": "route …/jobs/:job/edit",
  "src/schedules/JobSchedulesPage.tsx": "route /a/:account/job-schedules",
  "src/schedules/NewJobSchedulePage.tsx": "route /a/:account/job-schedules/new",
  "src/schedules/JobSchedulePage.tsx": "route /a/:account/job-schedules/:schedule",
  "src/schedules/EditJobSchedulePage.tsx": "route …/job-schedules/:schedule/edit",
  "src/tasks/NewTaskPage.tsx": "route …/tasks/new",
  "src/jobs/SweepPage.tsx": "route …/tasks/sweep",
  "src/tasks/TaskPage.tsx": "route …/tasks/:task",
  "src/output/FileViewerPage.tsx": "route …/files/:file",
  "src/app/HeaderMenus.tsx": "theme and user menus: pointer, focus or click on their buttons",
  "src/accounts/AccountDropdown.tsx": "account listbox: pointer, focus or click on the switcher",
  "src/components/TooltipOnDemand.ts": "tooltips: pointer or focus on their trigger",
  "src/components/GatedButton.tsx": "a button the user's permissions close: only once the permissions answer refuses its route",
  "src/components/MessageBars.tsx":
    "message bars: a failed load, or the local emulator's note (never against real Azure); they load when the condition first arises",
  "src/components/VirtualRows.tsx":
    "the virtualizer: lists longer than STATIC_ROWS_MAX rows and paged lists (tasks); the pools page renders a short list whole",
  "src/components/AppToaster.tsx": "toaster: mounted by the first component that can toast (none on the pools page)",
};

/** Files (dist-relative) named by index.html's module script and modulepreload links. */
const scriptsInHtml = (html) => {
  const files = new Set();
  for (const m of html.matchAll(/<script[^>]*\bsrc="\/?([^"]+\.js)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/?([^"]+\.js)"/g)) files.add(m[1]);
  return files;
};

/**
 * The entry chunk plus the transitive closure of its static `imports`, and of every dynamic import
 * that DEFERRED does not account for. Returns the files, and the deferred imports met on the way.
 */
const firstRouteClosure = (manifest, entryKey) => {
  const seen = new Set();
  const files = [];
  const deferred = new Map();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no chunk "${key}"`);
    files.push(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
    for (const dep of chunk.dynamicImports ?? []) {
      if (DEFERRED[dep]) deferred.set(dep, manifest[dep]?.file);
      else visit(dep);
    }
  };
  visit(entryKey);
  return { files, deferred };
};

export const measureFirstRoute = (distDir) => {
  const manifest = JSON.parse(readFileSync(join(distDir, ".vite", "manifest.json"), "utf8"));
  if (!manifest[HTML_ENTRY]) throw new Error(`no "${HTML_ENTRY}" entry in the manifest`);
  const closure = firstRouteClosure(manifest, HTML_ENTRY);
  const files = new Set(closure.files);
  for (const f of scriptsInHtml(readFileSync(join(distDir, HTML_ENTRY), "utf8"))) files.add(f);
  const sizeOf = (file) => {
    const bytes = readFileSync(join(distDir, file));
    return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const chunks = [...files].map(sizeOf);
  chunks.sort((a, b) => b.gzip - a.gzip);
  // Not counted, listed so the reader sees what waits and why (each one's own chunk only).
  const deferred = [...closure.deferred].map(([source, file]) => ({ source, why: DEFERRED[source], ...sizeOf(file) }));
  return {
    budgetKb: BUDGET_KB,
    chunks,
    deferred,
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
    console.log("\nnot on the pools page's first render (not counted; own chunk only):");
    for (const d of result.deferred) console.log(`  ${kb(d.gzip).padStart(6)} KB  ${d.source}: ${d.why}`);
  }
  if (args.includes("--check") && result.totalGzip > BUDGET_KB * 1024) {
    console.error(`first-route JavaScript is ${kb(result.totalGzip)} KB gzip, over the ${BUDGET_KB} KB budget: defer something (see DEFERRED) or cut it`);
    process.exit(1);
  }
}
