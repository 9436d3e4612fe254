// Headless Chromium screenshots of the portal against the running local stack (`pnpm start`).
// Run: pnpm --filter @batch-studio/e2e exec node ../apps/web/scripts/screenshots.mjs
import { chromium } from "playwright-core";
import { mkdirSync, readFileSync } from "node:fs";
import { resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const out = resolve(root, "docs/screenshots");
mkdirSync(out, { recursive: true });
const base = process.env.PORTAL_URL ?? "http://localhost:4300";
const only = process.argv[2];

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const theme = /** @type {"light" | "dark"} */ (process.env.THEME ?? "light");
const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: theme });
const page = await context.newPage();
page.on("pageerror", (e) => console.error("pageerror:", e.message));

async function shot (name) {
  await page.waitForTimeout(800);
  await page.screenshot({ path: resolve(out, `${name}.png`) });
  console.log("saved", name);
}

await page.goto(base);
// The sign-in page of the local identity (127.0.0.1:4400 under `pnpm start`; elsewhere when its port moves).
await page.waitForURL((u) => !u.toString().startsWith(base), { timeout: 20000 });
await page.locator("button.account").first().click();
await page.waitForURL((u) => u.toString().startsWith(base), { timeout: 20000 });
await page.getByRole("navigation", { name: "Main" }).waitFor({ timeout: 20000 });
await page.waitForTimeout(1500);
if (!/\/a\//.test(page.url())) {
  await shot(`accounts-${theme}`);
  await page.locator('a[href^="/a/"]').first().click();
  await page.waitForURL(/\/a\//, { timeout: 15000 });
}
const account = decodeURIComponent(/\/a\/([^/]+)/.exec(page.url())?.[1] ?? "");
console.log("url", page.url(), "account", account);
const go = async (path) => {
  await page.goto(`${base}${path}`);
  await page.getByRole("navigation", { name: "Main" }).waitFor({ timeout: 20000 });
};
const a = encodeURIComponent(account);

if (!only || only === "pools") {
  await go(`/a/${a}/pools`);
  await page.getByRole("table", { name: "Pools" }).waitFor({ timeout: 15000 }).catch(() => {});
  await shot(`pools-list-${theme}`);
  const first = page.getByRole("table", { name: "Pools" }).getByRole("link").first();
  if (await first.count()) {
    await first.click();
    await page.getByRole("img", { name: /Node heatmap/ }).waitFor({ timeout: 15000 }).catch(() => {});
    await shot(`pool-heatmap-${theme}`);
    // The resize dialog's checks: 2,000 nodes want a longer timeout and overrun the core quota.
    await page.getByRole("button", { name: "Resize" }).click();
    const dedicated = page.getByRole("spinbutton", { name: "Dedicated nodes" });
    await dedicated.fill("2000");
    await dedicated.press("Tab");
    await page.getByRole("button", { name: /^Use \d+ dedicated nodes$/ }).waitFor({ timeout: 10000 }).catch(() => {});
    await shot(`pool-resize-checks-${theme}`);
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("dialog").waitFor({ state: "detached", timeout: 10000 }).catch(() => {});
    // Editing the start task of the existing pool (a Batch pool PATCH, not a new pool).
    const edit = page.getByRole("button", { name: /^(Edit|Add) start task$/ }).first();
    if (await edit.waitFor({ timeout: 10000 }).then(() => true, () => false)) {
      await edit.click();
      await page.getByRole("dialog").waitFor({ timeout: 10000 }).catch(() => {});
      await shot(`pool-start-task-edit-${theme}`);
      await page.keyboard.press("Escape");
    }
  }
}
if (!only || only === "wizard") {
  await go(`/a/${a}/pools/new`);
  await page.getByRole("textbox", { name: /Pool id/ }).fill("demo pool!");
  await shot(`wizard-1-basics-error-${theme}`);
  await page.getByRole("textbox", { name: /Pool id/ }).fill("render-farm");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("radio").first().waitFor({ timeout: 15000 }).catch(() => {});
  await page.getByRole("radio").first().check().catch(() => {});
  await shot(`wizard-2-image-${theme}`);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Add image" }).click();
  await page.getByRole("textbox", { name: /Image 1/ }).fill("docker.io/library/busybox:latest");
  await page.getByRole("button", { name: "Add registry" }).click();
  await page.getByRole("textbox", { name: "Registry server" }).fill("https://myacr.azurecr.io");
  await shot(`wizard-3-containers-${theme}`);
  await page.getByRole("textbox", { name: "Registry server" }).fill("myacr.azurecr.io");
  await page.getByRole("textbox", { name: "User name" }).fill("puller");
  await page.getByRole("textbox", { name: "Password" }).fill("wrong");
  await page.getByRole("button", { name: "Test connection" }).click();
  await page.waitForTimeout(1500);
  await shot(`wizard-3-containers-test-${theme}`);
  await page.getByRole("button", { name: /Remove registry/ }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("table", { name: "VM sizes" }).waitFor({ timeout: 15000 }).catch(() => {});
  await page.getByRole("table", { name: "VM sizes" }).getByRole("radio").first().check().catch(() => {});
  await page.getByRole("spinbutton", { name: "Dedicated nodes" }).fill("2000");
  await page.getByRole("spinbutton", { name: "Dedicated nodes" }).press("Tab");
  await shot(`wizard-4-size-${theme}`);
  const fix = page.getByRole("button", { name: /Set resize timeout/ });
  if (await fix.count()) await fix.first().click();
  await page.getByRole("spinbutton", { name: "Dedicated nodes" }).fill("2");
  await page.getByRole("spinbutton", { name: "Dedicated nodes" }).press("Tab");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("switch", { name: /Run a start task/ }).check();
  await page.getByRole("textbox", { name: /Command line/ }).fill("/bin/sh -c 'echo ready'");
  await shot(`wizard-5-start-task-${theme}`);
  await page.getByRole("button", { name: "Next" }).click();
  await shot(`wizard-6-review-${theme}`);
}
if (!only || only === "output") {
  await go(`/a/${a}/jobs`);
  await page.getByRole("table", { name: "Jobs" }).waitFor({ timeout: 15000 }).catch(() => {});
  await shot(`jobs-${theme}`);
  const job = page.getByRole("table", { name: "Jobs" }).getByRole("link").first();
  if (await job.count()) {
    await job.click();
    await page.getByRole("table", { name: "Tasks" }).waitFor({ timeout: 15000 }).catch(() => {});
    await shot(`job-tasks-${theme}`);
    const jobUrl = page.url();
    const task = page.getByRole("table", { name: "Tasks" }).getByRole("link").first();
    if (await task.count()) {
      await task.click();
      await page.getByRole("log").waitFor({ timeout: 15000 }).catch(() => {});
      await shot(`task-output-${theme}`);
    }
    // The demo's task that fails on purpose: the banner explains its code and opens its stderr.
    await page.goto(`${jobUrl}/tasks/validate-totals`);
    await page.getByRole("log").waitFor({ timeout: 15000 }).catch(() => {});
    await shot(`task-failed-explained-${theme}`);
    await page.goto(`${jobUrl}/tasks/sweep`);
    await page.getByRole("textbox", { name: /Task id pattern/ }).waitFor({ timeout: 15000 }).catch(() => {});
    await page.getByRole("spinbutton", { name: "To" }).fill("1000");
    await shot(`job-sweep-${theme}`);
  }
  await go(`/a/${a}/jobs/new`);
  await page.getByRole("switch", { name: "Run a job manager task first" }).click().catch(() => {});
  await shot(`job-new-${theme}`);
  await go(`/a/${a}/job-schedules`);
  await shot(`schedules-${theme}`);
}
if (only === "create") {
  // Creates a 48-node pool through the wizard and captures the pool page while nodes start.
  await go(`/a/${a}/pools/new`);
  await page.getByRole("textbox", { name: /Pool id/ }).fill(`heatmap-${Date.now() % 100000}`);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("radio").first().check();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("radio", { name: "Standard_D2s_v3" }).check();
  await page.getByRole("spinbutton", { name: "Dedicated nodes" }).fill("48");
  await page.getByRole("spinbutton", { name: "Dedicated nodes" }).press("Tab");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Create pool" }).click();
  await page.getByRole("img", { name: /Node heatmap/ }).waitFor({ timeout: 30000 });
  await page.waitForTimeout(3000);
  await shot(`pool-allocating-${theme}`);
  await page.waitForTimeout(15000);
  await shot(`pool-heatmap-48-${theme}`);
  // Leave the emulator as we found it: delete the pool again (through the confirmation dialog).
  const id = decodeURIComponent(page.url().split("/pools/")[1] ?? "");
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("textbox", { name: `Type ${id} to confirm` }).fill(id);
  await page.getByRole("button", { name: "Delete pool" }).click();
  await page.waitForURL(/\/pools$/, { timeout: 15000 });
  console.log("deleted", id);
}
if (only === "delete" && process.argv[3]) {
  const id = process.argv[3];
  await go(`/a/${a}/pools/${encodeURIComponent(id)}`);
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("textbox", { name: `Type ${id} to confirm` }).fill(id);
  await page.getByRole("button", { name: "Delete pool" }).click();
  await page.waitForURL(/\/pools$/, { timeout: 15000 });
  console.log("deleted", id);
}
if (only === "reconnecting") {
  // The real thing: kill the emulator (its pid is in endpoints.json); while the stack's supervisor
  // restarts it the BFF answers 502, the shell says "Reconnecting…", and the page recovers by itself.
  const dataDir = resolve(root, process.env.BATCH_STUDIO_DATA_DIR ?? ".data");
  await go(`/a/${a}/pools`);
  await page.getByRole("table", { name: "Pools" }).waitFor({ timeout: 15000 });
  const { pid } = JSON.parse(readFileSync(resolve(dataDir, "endpoints.json"), "utf8"));
  process.kill(pid, "SIGKILL");
  // Ask for something now rather than wait for the next poll: open the jobs page (client-side).
  await page.waitForTimeout(300);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs" }).click();
  await page.getByText("The portal's backend is not answering", { exact: false }).waitFor({ timeout: 30000 });
  await shot(`reconnecting-${theme}`);
  await page.getByRole("status").filter({ hasText: "Reconnecting" }).waitFor({ state: "detached", timeout: 60000 });
  await page.getByRole("table", { name: "Jobs" }).waitFor({ timeout: 15000 });
  console.log("recovered without a reload:", page.url());
}
await browser.close();
