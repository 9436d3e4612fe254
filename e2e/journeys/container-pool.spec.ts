import { test, expect } from "../support/journey";
import { requireLab } from "../support/lab";
import { signInToPools } from "../support/session";
import {
  checksSettled,
  chooseMarketplaceImage,
  chooseVmSize,
  imageCheck,
  next,
  prefetchFromLab,
  startWizard,
  testConnection,
  uniqueId,
} from "../support/wizard";

/**
 * Thirty green lines, one a second: the task is still running when the viewer opens, even after axe
 * has checked the task page on a loaded 2-core machine (twelve seconds were not always enough).
 */
const LINES = 30;
const COLOURED_COMMAND = `/bin/sh -c "for i in $(seq -s ' ' 1 ${LINES}); do printf '\\033[32mline %s\\033[0m\\n' $i; sleep 1; done"`;
const NODES = 2;

test.describe("a Marketplace container pool with a private registry", () => {
  // Nodes pull the image, then a task runs for five seconds: minutes on two shared cores.
  test.setTimeout(420_000);

  test("create the pool, watch nodes go idle, run a coloured task and follow its stdout live", async ({ page, checkpoint }) => {
    const lab = requireLab();
    const poolId = uniqueId("e2e-containers");
    const jobId = uniqueId("e2e-job");
    const taskId = "coloured-lines";
    const scheduleId = uniqueId("e2e-daily");

    const account = await signInToPools(page);

    await test.step("the wizard: Marketplace image, prefetch from the private registry, Test connection", async () => {
      await startWizard(page, poolId);
      await next(page, "Image");
      await chooseMarketplaceImage(page);
      await checkpoint("wizard-marketplace-image", { fullPage: true });
      await next(page, "Containers");
      const registry = await prefetchFromLab(page, lab, lab.plainImage, lab.password);
      await expect(await testConnection(registry)).toContainText("Connected");
      await expect(page.getByText(`via ${lab.registry}`)).toBeVisible();
      await expect(imageCheck(page, "Found")).toBeVisible();
      await checkpoint("wizard-private-registry", { fullPage: true });
    });

    await test.step("size, then review and create", async () => {
      await next(page, "Size & scale");
      await chooseVmSize(page);
      const dedicated = page.getByRole("spinbutton", { name: "Dedicated nodes" });
      await dedicated.fill(String(NODES));
      await dedicated.press("Tab");
      await next(page, "Start task");
      await next(page, "Review");
      await checksSettled(page);
      await expect(page.getByText(lab.password)).toHaveCount(0);
      await checkpoint("wizard-review", { fullPage: true });
      await page.getByRole("button", { name: "Create pool" }).click();
    });

    await test.step("the pool page shows the nodes becoming idle", async () => {
      await expect(page).toHaveURL(new RegExp(`/pools/${poolId}$`));
      await expect(page.getByRole("heading", { name: poolId, level: 1 })).toBeVisible();
      await expect(page.getByText(lab.plainImage)).toBeVisible();
      await expect(page.getByText(`${lab.user}@${lab.registry}`)).toBeVisible();
      const nodes = page.getByRole("table", { name: "Nodes" });
      await expect(nodes.getByRole("row").filter({ hasText: /idle/ })).toHaveCount(NODES, { timeout: 240_000 });
      await expect(page.getByText("steady", { exact: true })).toBeVisible();
      await checkpoint("pool-nodes-idle", { fullPage: true });
    });

    await test.step("a node's page: its state, its files and the start task's output", async () => {
      const first = page.getByRole("table", { name: "Nodes" }).getByRole("link").first();
      const nodeId = (await first.textContent())!;
      await first.click();
      await expect(page.getByRole("heading", { name: nodeId, level: 1 })).toBeVisible();
      await expect(page.getByText("idle", { exact: true }).first()).toBeVisible();
      await checkpoint("node-page", { screenshot: false });
      await page.goBack();
      await expect(page.getByRole("heading", { name: poolId, level: 1 })).toBeVisible();
    });

    await test.step("clone the pool: its settings fill the wizard, the registry password is asked for again", async () => {
      await page.getByRole("button", { name: "Clone" }).click();
      await expect(page.getByRole("heading", { name: `New pool from ${poolId}`, level: 1 })).toBeVisible();
      await expect(page.getByText(`Password for ${lab.registry}: Batch never returns registry passwords`)).toBeVisible();
      await expect(page.getByLabel("Pool id")).toHaveValue(`${poolId}-copy`);
      await expect(page.getByText(lab.password)).toHaveCount(0);
      await checkpoint("wizard-clone", { fullPage: true });
      await page.goBack();
      await expect(page.getByRole("heading", { name: poolId, level: 1 })).toBeVisible();
    });

    await test.step("create a job on the pool, with a preparation task on each node's host", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs" }).click();
      await expect(page.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();
      await page.getByRole("link", { name: "New job" }).first().click();
      await expect(page.getByRole("heading", { name: "New job", level: 1 })).toBeVisible();
      await page.getByRole("textbox", { name: "Job id" }).fill(jobId);
      await page.getByRole("combobox", { name: "Pool" }).click();
      await page.getByRole("option", { name: poolId }).click();
      await page.getByRole("switch", { name: "Prepare each node" }).click();
      await page.getByRole("textbox", { name: "Preparation command line" }).fill("/bin/sh -c 'echo node prepared'");
      await checkpoint("new-job", { fullPage: true });
      await page.getByRole("button", { name: "Create job" }).click();
      await expect(page.getByRole("heading", { name: jobId, level: 1 })).toBeVisible();
      await checkpoint("job-empty", { screenshot: false });
    });

    await test.step("add a container task with a prefetched image and a coloured command", async () => {
      await page.getByRole("link", { name: "Add container task" }).click();
      await expect(page.getByRole("heading", { name: `Add a container task to ${jobId}` })).toBeVisible();
      await page.getByLabel("Task id").fill(taskId);
      // The image suggestions are the pool's prefetched images.
      await page.getByRole("combobox", { name: "Container image" }).click();
      await page.getByRole("option", { name: lab.plainImage }).click();
      await expect(page.getByRole("combobox", { name: "Container image" })).toHaveValue(lab.plainImage);
      // The registry is private: its ENTRYPOINT and WORKDIR show once the operator types the pool's password.
      await expect(page.getByText(`Registry: ${lab.registry} as ${lab.user}`)).toBeVisible();
      await page.getByLabel(`Password for ${lab.registry}`).fill(lab.password);
      await page.getByRole("button", { name: "Read image" }).click();
      await expect(page.getByText(/ENTRYPOINT .* · WORKDIR/)).toBeVisible();
      await page.getByRole("textbox", { name: "Command line" }).fill(COLOURED_COMMAND);
      // stdout kept in the account's storage: no SAS to paste, the portal signs a write-only one.
      await page.getByRole("button", { name: "Add output file" }).click();
      await page.getByRole("textbox", { name: "Output 1 files" }).fill("../stdout.txt");
      await page.getByRole("textbox", { name: "Output 1 blob path" }).fill(`${taskId}/stdout.txt`);
      await checkpoint("new-task", { fullPage: true });
      await page.getByRole("button", { name: "Add task" }).click();
      await expect(page.getByRole("heading", { name: taskId, level: 1 })).toBeVisible();
      await checkpoint("task-page", { screenshot: false });
    });

    await test.step("open stdout and follow it live until the task completes", async () => {
      await page.getByRole("tab", { name: /^stdout\.txt/ }).click();
      await expect(page).toHaveURL(/\/files\/stdout\.txt$/);
      const log = page.getByRole("log", { name: "stdout.txt lines" });
      // Following live: the number of lines on screen grows, step by step, while the task writes them.
      const counts = new Set<number>();
      const linesShown = async () => {
        const n = ((await log.textContent()) ?? "").match(/line \d+/g)?.length ?? 0;
        if (n > 0) counts.add(n);
        return n;
      };
      await expect.poll(linesShown, { timeout: 90_000, intervals: [200] }).toBeGreaterThan(0);
      await expect(page.getByText("Following", { exact: true })).toBeVisible();
      // A picture only: axe runs on this page once the task is done (it takes longer than the task).
      await checkpoint("stdout-following", { axe: false });
      await expect.poll(linesShown, { timeout: 60_000, intervals: [200] }).toBe(LINES);
      expect(counts.size, `line counts seen while following: ${[...counts].join(", ")}`).toBeGreaterThanOrEqual(3);
      await expect(page.getByRole("main").getByText("completed", { exact: true })).toBeVisible({ timeout: 30_000 });
      await expect(page.getByText("Following", { exact: true })).toHaveCount(0);
      for (let n = 1; n <= LINES; n++) await expect(log.getByText(`line ${n}`, { exact: true }).first()).toBeVisible();
      // ANSI green became a coloured span; the escape codes themselves are not shown.
      const green = log.locator("span[style*='color']", { hasText: /^line 3$/ });
      await expect(green).toHaveCount(1);
      const [greenColour, plainColour] = [await green.evaluate((el) => getComputedStyle(el).color), await log.evaluate((el) => getComputedStyle(el).color)];
      expect(greenColour).not.toBe(plainColour);
      await expect(log).not.toContainText("[32m");
      await checkpoint("stdout-completed");
    });

    await test.step("the viewer always says the task completed, with its exit code", async () => {
      await expect(page.getByRole("status").filter({ hasText: /Task completed with exit code 0/ })).toBeVisible();
    });

    await test.step("stdout was saved to the account's storage, and opens from there in the viewer", async () => {
      await page.getByRole("navigation", { name: "Location" }).getByRole("link", { name: taskId }).click();
      const saved = page.getByRole("region", { name: "Saved outputs" });
      await expect(saved.getByText(`results/${taskId}/stdout.txt`)).toBeVisible({ timeout: 30_000 });
      await saved.getByRole("link", { name: `${taskId}/stdout.txt` }).click();
      await expect(page).toHaveURL(/\/saved-outputs\/0%2F/);
      const log = page.getByRole("log", { name: "stdout.txt lines" });
      await expect(log.getByText(`line ${LINES}`, { exact: true })).toBeVisible();
      await expect(page.getByText("Following", { exact: true })).toHaveCount(0);
      await checkpoint("saved-output");
    });

    await test.step("a task reads that saved stdout from Storage as its input, writes a result, and its saved result opens in the viewer", async () => {
      await page.goto(`/a/${account}/jobs/${jobId}/tasks/new`);
      await page.getByLabel("Task id").fill("count-lines");
      await page.getByRole("combobox", { name: "Container image" }).click();
      await page.getByRole("option", { name: lab.plainImage }).click();
      await page.getByRole("textbox", { name: "Command line" }).fill('/bin/sh -c "wc -l < input/coloured-lines/stdout.txt > count.txt"');
      // Input: every blob under coloured-lines/ in the account's "results" container, downloaded into input/.
      await page.getByRole("button", { name: "Add input file" }).click();
      await page.getByRole("textbox", { name: "Input 1 container" }).fill("results");
      await page.getByRole("textbox", { name: "Input 1 blob prefix" }).fill(`${taskId}/`);
      await page.getByRole("textbox", { name: "Input 1 to" }).fill("input");
      await page.getByRole("button", { name: "Add output file" }).click();
      await page.getByRole("textbox", { name: "Output 1 files" }).fill("count.txt");
      await page.getByRole("textbox", { name: "Output 1 blob path" }).fill("count-lines/count.txt");
      await page.getByRole("button", { name: "Add task" }).click();
      await expect(page.getByRole("heading", { name: "count-lines", level: 1 })).toBeVisible();
      await expect(page.getByRole("main").getByText("success", { exact: true })).toBeVisible({ timeout: 90_000 });
      const saved = page.getByRole("region", { name: "Saved outputs" });
      await saved.getByRole("link", { name: "count-lines/count.txt" }).click();
      await expect(page.getByRole("log", { name: "count.txt lines" }).getByText(String(LINES), { exact: true })).toBeVisible();
      await checkpoint("saved-result", { screenshot: false });
    });

    await test.step("a task whose image does not exist fails; its banner says why and re-adding it with the right image runs", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs" }).click();
      await page.getByRole("table", { name: "Jobs" }).getByRole("link", { name: jobId }).click();
      await page.getByRole("link", { name: "Add container task" }).click();
      await page.getByLabel("Task id").fill("wrong-image");
      await page.getByRole("combobox", { name: "Container image" }).fill(`${lab.registry}/lab/no-such-image:1`);
      await page.getByRole("textbox", { name: "Command line" }).fill("/bin/true");
      await page.getByRole("button", { name: "Add task" }).click();
      await expect(page.getByRole("heading", { name: "wrong-image", level: 1 })).toBeVisible();
      await expect(page.getByText("The container image could not be pulled")).toBeVisible({ timeout: 60_000 });
      await checkpoint("task-failed-image");
      await page.getByRole("link", { name: "Re-add to fix" }).click();
      await expect(page.getByRole("heading", { name: `Add task wrong-image again to ${jobId}` })).toBeVisible();
      await expect(page.getByLabel("Task id")).toHaveValue("wrong-image-2");
      await page.getByRole("combobox", { name: "Container image" }).fill(lab.plainImage);
      await page.getByRole("button", { name: "Add task" }).click();
      await expect(page.getByRole("heading", { name: "wrong-image-2", level: 1 })).toBeVisible();
      await expect(page.getByRole("main").getByText("completed", { exact: true })).toBeVisible({ timeout: 60_000 });
    });

    await test.step("a schedule on the same pool creates its job at once", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Schedules" }).click();
      await expect(page.getByRole("heading", { name: "Job schedules", level: 1 })).toBeVisible();
      await page.getByRole("link", { name: "New schedule" }).first().click();
      await page.getByRole("textbox", { name: "Schedule id" }).fill(scheduleId);
      await page.getByRole("textbox", { name: "Repeat every" }).fill("P1D");
      await page.getByRole("combobox", { name: "Pool" }).click();
      await page.getByRole("option", { name: poolId }).click();
      await checkpoint("new-schedule", { fullPage: true });
      await page.getByRole("button", { name: "Create schedule" }).click();
      await expect(page.getByRole("heading", { name: scheduleId, level: 1 })).toBeVisible();
      // No "not before": Batch creates the first job now, the next one a day later.
      await expect(page.getByRole("table", { name: "Jobs of the schedule" }).getByRole("link", { name: `${scheduleId}:job-1` })).toBeVisible({ timeout: 30_000 });
      await checkpoint("schedule");
    });

    await test.step("a sweep of 12 tasks, every fourth failing; Rerun failed reruns the job's failed tasks", async () => {
      await page.goto(`/a/${account}/jobs/${jobId}`);
      await page.getByRole("link", { name: "Add many tasks" }).click();
      await page.getByRole("textbox", { name: "Task id pattern" }).fill("sweep-{i}");
      await page.getByRole("spinbutton", { name: "From" }).fill("1");
      await page.getByRole("spinbutton", { name: "To" }).fill("12");
      await page.getByRole("combobox", { name: "Container image" }).click();
      await page.getByRole("option", { name: lab.plainImage }).click();
      await page.getByRole("textbox", { name: "Command line" }).fill('/bin/sh -c "test $(( {i} % 4 )) -ne 0"');
      await expect(page.getByText("12 tasks: sweep-1 … sweep-12, sent 100 a request.")).toBeVisible();
      await page.getByRole("button", { name: "Add 12 tasks" }).click();
      await expect(page.getByText("Added 12 of 12")).toBeVisible({ timeout: 60_000 });
      await checkpoint("sweep-added", { fullPage: true });
      await page.getByRole("button", { name: "Back to the job" }).click();
      // The 3 sweep tasks and the task whose image does not exist.
      const rerun = page.getByRole("button", { name: "Rerun 4 failed" });
      await expect(rerun).toBeVisible({ timeout: 120_000 });
      await rerun.click();
      const dialog = page.getByRole("dialog", { name: "Rerun the job's failed tasks?" });
      await dialog.getByRole("button", { name: "Rerun", exact: true }).click();
      await expect(dialog.getByText(/4 of 4/)).toBeVisible({ timeout: 60_000 });
      await dialog.getByRole("button", { name: "Close" }).click();
    });

    await test.step("resize the pool to 0: the task's page says its node is gone and opens the saved stdout", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pools" }).click();
      await page.getByRole("link", { name: poolId }).first().click();
      await page.getByRole("button", { name: "Resize" }).first().click();
      const dialog = page.getByRole("dialog");
      await dialog.getByRole("spinbutton", { name: "Dedicated nodes" }).fill("0");
      await dialog.getByRole("button", { name: "Resize" }).click();
      await expect(page.getByRole("table", { name: "Nodes" }).getByRole("row").filter({ hasText: /idle|running/ })).toHaveCount(0, { timeout: 120_000 });
      await page.goto(`/a/${account}/jobs/${jobId}/tasks/${taskId}`);
      await expect(page.getByText("The task's files are gone from its node")).toBeVisible({ timeout: 60_000 });
      await expect(page.getByText(/Showing \S*stdout\.txt, saved to Storage by the task's output files\./)).toBeVisible();
      await expect(page.getByRole("log", { name: "stdout.txt lines" }).getByText(`line ${LINES}`, { exact: true })).toBeVisible();
      await checkpoint("task-node-gone", { fullPage: true });
    });

    await test.step("delete the job: its saved outputs stay in Storage, the job is gone", async () => {
      await page.goto(`/a/${account}/jobs/${jobId}`);
      await page.getByRole("button", { name: "Delete" }).first().click();
      await page.getByRole("dialog").getByRole("button", { name: "Delete job" }).click();
      // The portal goes back to the job list, where the job is deleting or already gone.
      await expect(page.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();
      await expect(page.getByRole("table", { name: "Jobs" }).getByRole("row").filter({ hasText: jobId }).filter({ hasText: "active" })).toHaveCount(0);
    });
  });
});
