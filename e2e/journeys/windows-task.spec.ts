import { test, expect } from "../support/journey";
import { signInToPools } from "../support/session";
import { chooseVmSize, next, startWizard, uniqueId } from "../support/wizard";

/*
 * On Windows, Batch starts a task's container only for an administrator ("Run container
 * applications on Azure Batch"). The task form says so before anything is sent, at the field, with
 * the one-click fix.
 */
test.describe("a container task on a Windows pool", () => {
  test.setTimeout(180_000);

  test("is refused without elevation, with the reason, before it is sent; elevated, it is added", async ({ page, checkpoint }) => {
    const poolId = uniqueId("e2e-windows");
    const jobId = uniqueId("e2e-win-job");
    await signInToPools(page);

    await test.step("a Windows container pool (no nodes needed)", async () => {
      await startWizard(page, poolId);
      await next(page, "Image");
      await page.getByRole("group", { name: "Windows" }).getByRole("radio").first().check();
      await expect(page.getByLabel("Node agent SKU")).toHaveValue("batch.node.windows amd64");
      await next(page, "Containers");
      await next(page, "Size & scale");
      await chooseVmSize(page);
      const dedicated = page.getByRole("spinbutton", { name: "Dedicated nodes" });
      await dedicated.fill("0");
      await dedicated.press("Tab");
      await next(page, "Start task");
      await next(page, "Review");
      await page.getByRole("button", { name: "Create pool" }).click();
      await expect(page.getByRole("heading", { name: poolId, level: 1 })).toBeVisible();
    });

    await test.step("a job on it", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs" }).click();
      await page.getByRole("link", { name: "New job" }).first().click();
      await page.getByRole("textbox", { name: "Job id" }).fill(jobId);
      await page.getByRole("combobox", { name: "Pool" }).click();
      await page.getByRole("option", { name: poolId }).click();
      await page.getByRole("button", { name: "Create job" }).click();
      await expect(page.getByRole("heading", { name: jobId, level: 1 })).toBeVisible();
    });

    await test.step("a container task without elevation is refused at its field when Add is pressed; elevated, it is added", async () => {
      const requests: string[] = [];
      page.on("request", (r) => {
        if (r.method() === "POST" && /\/jobs\/[^/]+\/tasks$/.test(new URL(r.url()).pathname)) requests.push(r.url());
      });
      await page.getByRole("link", { name: "Add container task" }).click();
      await page.getByLabel("Task id").fill("windows-task");
      await page.getByRole("combobox", { name: "Container image" }).fill("mcr.microsoft.com/windows/servercore:ltsc2022");
      await page.getByRole("textbox", { name: "Command line" }).fill("cmd /c echo hello");
      const reason = page.getByText(/runs Windows, where Batch starts a container only for an administrator/);
      await expect(reason).toHaveCount(0);
      await page.getByRole("button", { name: "Add task" }).click();
      await expect(reason.first()).toBeVisible();
      await checkpoint("task-windows-needs-admin", { fullPage: true });
      expect(requests).toEqual([]);
      const elevated = page.getByRole("switch", { name: "Run elevated (as an administrator)" });
      await expect(elevated).toHaveAttribute("aria-invalid", "true");
      await elevated.check();
      await expect(reason).toHaveCount(0);
      // Elevated, it is accepted (it waits in the queue: the pool has no node).
      await page.getByRole("button", { name: "Add task" }).click();
      await expect(page.getByRole("heading", { name: "windows-task", level: 1 })).toBeVisible();
      expect(requests).toHaveLength(1);
    });
  });
});
