#!/usr/bin/env node
// The one-command local stack (`pnpm start`): installs what is missing, builds the web app,
// starts Azurite's blob service (the local Storage), the emulator (identity, ARM, Batch) and the BFF, waits until each answers, and prints
// one URL. A part that dies is restarted (scripts/supervise.mjs); Ctrl-C or SIGTERM stops
// everything. Node built-ins only: it must run before `pnpm install`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { get as httpsGet } from "node:https";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { supervise } from "./supervise.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const env = process.env;
const host = env.BATCH_STUDIO_HOST || "127.0.0.1";
const dataDir = resolve(root, env.BATCH_STUDIO_DATA_DIR || ".data");
const ports = {
  identity: Number(env.BATCH_STUDIO_IDENTITY_PORT || 4400),
  arm: Number(env.BATCH_STUDIO_ARM_PORT || 4401),
  batch: (env.BATCH_STUDIO_BATCH_PORTS || "4410,4411").split(",").map((p) => Number(p.trim())),
  storage: Number(env.BATCH_STUDIO_STORAGE_PORT || 4402),
  bff: Number(env.BATCH_STUDIO_BFF_PORT || 4300),
};
const PORT_ENV = {
  identity: "BATCH_STUDIO_IDENTITY_PORT",
  arm: "BATCH_STUDIO_ARM_PORT",
  batch: "BATCH_STUDIO_BATCH_PORTS",
  storage: "BATCH_STUDIO_STORAGE_PORT",
  bff: "BATCH_STUDIO_BFF_PORT",
};
const portalUrl = `http://localhost:${ports.bff}`;
const started = Date.now();
const children = [];
let stopping = false;

const say = (msg) => process.stdout.write(`[stack] ${msg}\n`);
const warn = (msg) => process.stderr.write(`[stack] ${msg}\n`);
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

/** Thrown to end the run after a clear message; the catch at the bottom stops what was started. */
class StackStop extends Error {}

function fail(msg) {
  warn(msg);
  throw new StackStop(msg);
}

// ---- 1. prerequisites -------------------------------------------------------------------------

const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  warn(`Node ${process.versions.node} is too old: Batch Studio needs Node 20.19 or newer.`);
  process.exit(1);
}

function pnpmCommand() {
  const direct = spawnSync("pnpm", ["--version"], { cwd: root, stdio: "ignore", env: pnpmEnv() });
  if (direct.status === 0) return ["pnpm"];
  const viaCorepack = spawnSync("corepack", ["pnpm", "--version"], {
    cwd: root,
    stdio: "ignore",
    env: pnpmEnv(),
  });
  if (viaCorepack.status === 0) return ["corepack", "pnpm"];
  return undefined;
}

function pnpmEnv() {
  return { ...env, COREPACK_INTEGRITY_KEYS: "0", COREPACK_ENABLE_DOWNLOAD_PROMPT: "0" };
}

function runPnpm(pnpm, args, what) {
  say(`${what}: ${pnpm.join(" ")} ${args.join(" ")}`);
  const r = spawnSync(pnpm[0], [...pnpm.slice(1), ...args], { cwd: root, stdio: "inherit", env: pnpmEnv() });
  return r.status === 0;
}

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

/** Newest modification time under a folder (bounded walk, skipping node_modules and build output). */
function newestUnder(dir, budget = { files: 5000 }) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (budget.files-- <= 0) break;
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(p, budget) : mtime(p));
  }
  return newest;
}

function installIfNeeded(pnpm) {
  const marker = join(root, "node_modules", ".modules.yaml");
  const stale = !existsSync(marker) || mtime(join(root, "pnpm-lock.yaml")) > mtime(marker);
  if (!stale) return;
  if (!pnpm)
    fail("pnpm is not available (install it with `corepack enable`), and dependencies are not installed.");
  if (!runPnpm(pnpm, ["install", "--frozen-lockfile"], "installing dependencies"))
    fail("`pnpm install --frozen-lockfile` failed; see the output above.");
}

/** Builds the SPA when it has sources and its build is missing or older than them. */
function buildWebIfNeeded(pnpm) {
  const web = join(root, "apps", "web");
  const pkgPath = join(web, "package.json");
  if (!existsSync(pkgPath) || !existsSync(join(web, "src")))
    return { built: false, note: "web app not written yet (apps/web/src missing)" };
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
  if (!pkg.scripts?.build) return { built: false, note: "apps/web has no build script" };
  const output = join(web, "dist", "index.html");
  const inputs = Math.max(
    newestUnder(join(web, "src")),
    newestUnder(join(web, "public")),
    mtime(join(web, "index.html")),
    mtime(join(web, "vite.config.ts")),
    newestUnder(join(root, "packages", "shared", "src")),
  );
  if (env.BATCH_STUDIO_SKIP_WEB_BUILD === "1")
    return { built: existsSync(output), note: "web build skipped (BATCH_STUDIO_SKIP_WEB_BUILD=1)" };
  if (existsSync(output) && mtime(output) >= inputs) return { built: true, note: "web app up to date" };
  if (!pnpm) return { built: false, note: "pnpm not available, web app not built" };
  if (!runPnpm(pnpm, ["--filter", "@batch-studio/web", "build"], "building the web app"))
    return { built: false, note: "web build FAILED (see above); the portal page will not load" };
  return { built: true, note: "web app built" };
}

// ---- 2. ports ----------------------------------------------------------------------------------

function portFree(port) {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once("error", () => resolvePort(false));
    server.listen(port, host, () => server.close(() => resolvePort(true)));
  });
}

async function checkPorts(withBff) {
  const wanted = [
    ["identity", ports.identity],
    ["arm", ports.arm],
    ...ports.batch.map((p) => ["batch", p]),
    ["storage", ports.storage],
    ...(withBff ? [["bff", ports.bff]] : []),
  ];
  for (const [name, port] of /** @type {[keyof typeof PORT_ENV, number][]} */ (wanted)) {
    if (!Number.isInteger(port) || port <= 0 || port > 65535)
      fail(`${PORT_ENV[name]}: "${port}" is not a port number.`);
    if (!(await portFree(port))) {
      fail(
        `Port ${port} on ${host} (${name}) is already in use. Stop what uses it (is another stack running?) or set ${PORT_ENV[name]} to a free port.`,
      );
    }
  }
}

// ---- 3. processes ------------------------------------------------------------------------------

function start(name, args, childEnv) {
  const spawnChild = () => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: childEnv,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    prefixLines(name, child.stdout, process.stdout);
    prefixLines(name, child.stderr, process.stderr);
    return child;
  };
  children.push(supervise({ name, spawnChild, log: warn }));
}

function prefixLines(name, stream, out) {
  let buffer = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    buffer += chunk;
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) out.write(`[${name}] ${line}\n`);
  });
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  if (children.length) say(`stopping ${children.map((c) => c.name).join(", ")}…`);
  await Promise.all(children.map((child) => child.stop()));
  process.exit(code);
}

process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns a value (bounded); undefined on timeout. */
async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch {
      // not ready yet
    }
    await sleep(250);
  }
  fail(
    stopping
      ? `stopped while waiting for ${what}.`
      : `${what} did not become ready within ${timeoutMs / 1000} s.`,
  );
}

async function answers(url) {
  if (url.startsWith("https:")) {
    // Only a readiness probe on loopback: the identity's certificate may come from a local CA
    // this process was not started with (NODE_EXTRA_CA_CERTS); the BFF verifies it for real.
    return new Promise((resolveStatus, reject) => {
      const req = httpsGet(url, { rejectUnauthorized: false, timeout: 2000 }, (res) => {
        res.resume();
        resolveStatus(res.statusCode !== undefined && res.statusCode < 500 ? res.statusCode : undefined);
      });
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", reject);
    });
  }
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
  return res.status < 500 ? res.status : undefined;
}

/** What the BFF needs to use the local identity, ARM and Batch (names from apps/bff/src/config.ts). */
function bffEnvironment(e) {
  return {
    BATCH_STUDIO_AUTHORITY: e.identity.authority,
    BATCH_STUDIO_TENANT_ID: e.identity.tenantId,
    BATCH_STUDIO_KNOWN_AUTHORITIES: e.identity.knownAuthorities.join(","),
    BATCH_STUDIO_AUTHORITY_METADATA: e.identity.authorityMetadata,
    BATCH_STUDIO_BFF_CLIENT_ID: e.clients.bffClientId,
    BATCH_STUDIO_SPA_CLIENT_ID: e.clients.spaClientId,
    BATCH_STUDIO_BFF_CLIENT_SECRET: e.clients.bffClientSecret,
    BATCH_STUDIO_ARM_ENDPOINT: e.arm.url,
    BATCH_STUDIO_BATCH_SCHEME: "http",
    BATCH_STUDIO_ACCOUNT_DISCOVERY: "arm",
    BATCH_STUDIO_REGISTRY_PRIVATE_ADDRESSES: "loopback",
    BATCH_STUDIO_ALLOWED_ORIGINS: portalUrl,
    BATCH_STUDIO_BFF_PORT: String(ports.bff),
    BATCH_STUDIO_EMULATOR_RUNTIME: e.runtime.kind,
  };
}

// ---- 4. the run --------------------------------------------------------------------------------

async function main() {
  const pnpm = pnpmCommand();
  installIfNeeded(pnpm);
  const web = buildWebIfNeeded(pnpm);
  say(web.note);

  const tsxCli = join(root, "node_modules", "tsx", "dist", "cli.mjs");
  if (!existsSync(tsxCli)) fail("tsx is not installed (node_modules/tsx missing); run `pnpm install`.");
  const emulatorMain = join(root, "apps", "emulator", "src", "main.ts");
  if (!existsSync(emulatorMain)) fail("apps/emulator/src/main.ts is missing: the emulator is not built yet.");
  const bffMain = join(root, "apps", "bff", "src", "main.ts");
  const hasBff = existsSync(bffMain);

  await checkPorts(hasBff);

  const azuriteMain = join(root, "apps", "emulator", "src", "storage", "azurite-main.ts");
  const storageUrl = `http://${host.includes(":") ? `[${host}]` : host}:${ports.storage}`;
  say("starting Azurite's blob service (the local Storage)…");
  start("azurite", [tsxCli, azuriteMain], {
    ...env,
    BATCH_STUDIO_DATA_DIR: dataDir,
    BATCH_STUDIO_HOST: host,
    BATCH_STUDIO_STORAGE_PORT: String(ports.storage),
  });
  // Any answer (Azurite says 400 to a bare GET) means it listens.
  await waitFor("Azurite", () => answers(storageUrl), 60_000);

  const endpointsFile = join(dataDir, "endpoints.json");
  rmSync(endpointsFile, { force: true });
  say("starting the emulator (identity, ARM, Batch)…");
  start("emulator", [tsxCli, emulatorMain], {
    ...env,
    BATCH_STUDIO_STORAGE_URL: storageUrl,
    BATCH_STUDIO_DATA_DIR: dataDir,
    BATCH_STUDIO_HOST: host,
    // The portal's origin must be a registered redirect origin, also when the BFF port moves.
    BATCH_STUDIO_SPA_ORIGINS: env.BATCH_STUDIO_SPA_ORIGINS || `${portalUrl},http://localhost:5173`,
    // The stack is for people and demos: seed the demo workload unless told not to.
    BATCH_STUDIO_DEMO: env.BATCH_STUDIO_DEMO ?? "1",
  });

  const endpoints = await waitFor(
    "the emulator",
    async () => {
      if (!existsSync(endpointsFile)) return undefined;
      const e = JSON.parse(readFileSync(endpointsFile, "utf8"));
      // The file was removed before the start, so one that parses is this run's (tsx runs main.ts in a child, so pids differ).
      if (Date.parse(e.startedAt) < started - 1000) return undefined;
      return e;
    },
    90_000,
  );
  await waitFor("the identity provider", () => answers(`${endpoints.identity.url}/health`), 20_000);
  await waitFor("ARM", () => answers(`${endpoints.arm.url}/health`), 20_000);
  for (const account of endpoints.accounts)
    await waitFor(`Batch account ${account.name}`, () => answers(account.url), 20_000);
  say(`emulator ready after ${seconds()} s`);

  let bffReady = false;
  if (hasBff) {
    say("starting the BFF…");
    start("bff", [tsxCli, bffMain], { ...env, ...bffEnvironment(endpoints) });
    await waitFor(
      "the BFF",
      async () => (await answers(`${portalUrl}/api/health`)) ?? (await answers(`${portalUrl}/`)),
      60_000,
    );
    bffReady = true;
  }

  if (!stopping) {
    const line = "─".repeat(64);
    say(line);
    if (bffReady && web.built) {
      say(`Batch Studio is running:  ${portalUrl}`);
      say(`Sign in: pick an operator (e.g. "Ada Lovelace") on the local sign-in page, or type any name.`);
    } else if (bffReady) {
      say(`The BFF is running at ${portalUrl}, but the web app is not built (${web.note}).`);
    } else {
      say(`BFF not built yet (apps/bff/src/main.ts is missing): there is no portal URL to open.`);
      say(`The emulator is up; point clients at the endpoints below.`);
    }
    say(`Identity: ${endpoints.identity.issuer}   ARM: ${endpoints.arm.url}   Storage: ${storageUrl}`);
    for (const a of endpoints.accounts)
      say(`Batch account ${a.name} (${a.region}): ${a.url}   key: ${a.key}`);
    say(
      `Task runtime: ${endpoints.runtime.kind === "docker" ? "Docker containers" : endpoints.runtime.note} (${endpoints.runtime.reason})`,
    );
    say(`Up in ${seconds()} s. Press Ctrl-C to stop everything.`);
    say(line);
  }
}

main().catch((err) => {
  if (!(err instanceof StackStop)) warn(err instanceof Error ? (err.stack ?? err.message) : String(err));
  stopAll(1);
});
