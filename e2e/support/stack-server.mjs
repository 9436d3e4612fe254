#!/usr/bin/env node
// Playwright's webServer for the journeys: the one-command stack (scripts/stack.mjs) on the e2e
// ports, with a data folder of its own that is removed when the run ends. Playwright stops web
// servers by signalling the process group; stack.mjs starts its children in groups of their own,
// so this wrapper waits for the stack to stop them before it deletes the folder.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
// Named by playwright.config.ts (support/stack-env.ts) so the journeys can read endpoints.json.
const dataDir = process.env.BATCH_STUDIO_DATA_DIR;
if (!dataDir) {
  process.stderr.write("[e2e-stack] BATCH_STUDIO_DATA_DIR is not set; run this through `playwright test`.\n");
  process.exit(2);
}
mkdirSync(dataDir, { recursive: true });
process.stdout.write(`[e2e-stack] data folder ${dataDir}\n`);

// The BFF serves a private copy of the built SPA: apps/web/dist is rebuilt whenever someone runs
// the web build, and a rebuild mid-run would swap the lazy chunks under the browser's feet.
const spaCopy = join(dataDir, "spa");
const webDist = join(root, "apps", "web", "dist");

const stack = spawn(process.execPath, [join(root, "scripts", "stack.mjs")], {
  cwd: root,
  env: { ...process.env, BATCH_STUDIO_SPA_DIR: spaCopy },
  stdio: ["ignore", "pipe", "inherit"],
});

// stack.mjs reports the web build ("web app built" / "up to date") before it starts the BFF.
let copied = false;
let pending = "";
stack.stdout.setEncoding("utf8");
stack.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (copied) return;
  pending += chunk;
  if (/\[stack\] web (app|build)/.test(pending) && existsSync(join(webDist, "index.html"))) {
    cpSync(webDist, spaCopy, { recursive: true });
    copied = true;
    process.stdout.write(`[e2e-stack] serving a copy of the web app from ${spaCopy}\n`);
  }
  pending = pending.slice(-200);
});

let signalled = false;
const forward = (signal) => {
  if (signalled) return;
  signalled = true;
  // The stack may already have the signal (same process group); a second one is harmless.
  if (stack.exitCode === null) stack.kill(signal);
};
process.on("SIGTERM", () => forward("SIGTERM"));
process.on("SIGINT", () => forward("SIGINT"));

stack.on("exit", (code, signal) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(signalled ? 0 : (code ?? (signal ? 1 : 0)));
});
