import { test, expect } from "../support/journey";
import { signInToPools } from "../support/session";
import { checksSettled, chooseVmSize, next, startWizard, uniqueId, wizardNext, wizardStep } from "../support/wizard";

/** Seeded in apps/emulator/src/seed/gallery.ts (subscription "Contoso Research", gallery contosoImages). */
const GALLERY = "contosoImages";
const SPECIALIZED = "render-node-snapshot";
/** Generalized, Linux, 2 replicas in West Europe (the account's region). */
const GENERALIZED_LINUX = "ubuntu2004-batch-container";
const NODE_AGENT = "batch.node.ubuntu 20.04";

test.describe("Shared Image Gallery", () => {
  test("refuses the specialized image, and fixes a 2,000-node pool's resize timeout and image replicas with one click each", async ({ page, checkpoint }) => {
    await signInToPools(page);
    await startWizard(page, uniqueId("e2e-gallery"));
    await next(page, "Image");
    await page.getByRole("tab", { name: "Shared Image Gallery" }).click();

    const chooseOption = async (field: string, option: RegExp) => {
      await page.getByRole("combobox", { name: field }).click();
      await page.getByRole("option", { name: option }).click();
    };
    const imageError = page.getByText(/This gallery image is Specialized; Batch supports generalized shared images only/);

    await test.step("the specialized image shows why Batch cannot use it", async () => {
      await chooseOption("Gallery", new RegExp(`^${GALLERY}`));
      await chooseOption("Image definition", new RegExp(`^${SPECIALIZED}`));
      await page.getByRole("combobox", { name: "Node agent SKU" }).fill(NODE_AGENT);
      await expect(page.getByText("Specialized", { exact: true })).toBeVisible();
      await expect(page.getByText(/Batch accepts only generalized images/)).toBeVisible();
      await checksSettled(page);
    });

    await test.step("the Image step shows the specialized-image error and blocks Next at once", async () => {
      await expect(imageError).toBeVisible();
      await expect(wizardNext(page)).toBeDisabled();
      await expect(wizardStep(page, "Image")).toHaveAccessibleName(/\d+ errors?/);
      await expect(page.getByText(/Fix the errors on “Image” to continue/)).toBeVisible();
      await checkpoint("gallery-specialized-refused", { fullPage: true });
    });

    await test.step("leaving the Image step and coming back keeps the error", async () => {
      await wizardStep(page, "Basics").click();
      await expect(wizardStep(page, "Image")).toHaveAccessibleName(/\d+ errors?/);
      await wizardStep(page, "Image").click();
      await expect(imageError).toBeVisible();
      await expect(wizardNext(page)).toBeDisabled();
    });

    await test.step("back on the Image step, the picker still shows the chosen gallery and definition", async () => {
      await expect(page.getByRole("combobox", { name: "Gallery" })).toHaveText(GALLERY);
      await expect(page.getByRole("combobox", { name: "Image definition" })).toHaveText(SPECIALIZED);
    });

    await test.step("the generalized Linux image is accepted", async () => {
      await chooseOption("Gallery", new RegExp(`^${GALLERY}`));
      await chooseOption("Image definition", new RegExp(`^${GENERALIZED_LINUX}`));
      await expect(page.getByText("Generalized", { exact: true })).toBeVisible();
      await expect(page.getByRole("table", { name: "Replication per region" })).toContainText("West Europe");
      await checksSettled(page);
      await expect(imageError).toHaveCount(0);
      await expect(wizardStep(page, "Image")).not.toHaveAccessibleName(/error/);
      await checkpoint("gallery-generalized", { fullPage: true });
    });

    const resizeTimeout = page.getByRole("textbox", { name: "Resize timeout" });
    const timeoutWarning = page.getByText(/A pool of 2000 nodes should have a resize timeout of at least 30 minutes/);
    const fix = page.getByRole("button", { name: "Set resize timeout to PT30M (30 minutes)" });

    await test.step("2,000 dedicated nodes: the replica advice and the resize-timeout warning show", async () => {
      await next(page, "Containers");
      await next(page, "Size & scale");
      await chooseVmSize(page);
      const dedicated = page.getByRole("spinbutton", { name: "Dedicated nodes" });
      await dedicated.fill("2000");
      await dedicated.press("Tab");
      await expect(dedicated).toHaveValue("2000");
      await checksSettled(page);
      await expect(page.getByRole("heading", { name: "Gallery replicas" })).toBeVisible();
      await expect(page.getByText(/A pool of 2000 nodes wants at least 7 replicas of the image in westeurope/)).toBeVisible();
      await expect(resizeTimeout).toHaveValue("PT15M");
      await expect(timeoutWarning).toBeVisible();
      await expect(fix).toBeVisible();
      await checkpoint("gallery-2000-nodes-warnings", { fullPage: true });
    });

    await test.step("one click applies the resize-timeout fix and the warning goes", async () => {
      await fix.click();
      await expect(resizeTimeout).toHaveValue("PT30M");
      await checksSettled(page);
      await expect(timeoutWarning).toHaveCount(0);
      await expect(fix).toHaveCount(0);
    });

    // Replicas are not in the pool spec: the advice carries an Azure action on the image version
    // instead (this changes only this emulator process's copy of the seeded version).
    const replicaAdvice = page.getByText(/wants at least 7 replicas/);
    const replicaAction = page.getByRole("button", { name: "Set 7 replicas in westeurope" });

    await test.step("the replica action asks first, then sets the version's replicas in Azure, and the advice goes", async () => {
      await expect(replicaAdvice).toBeVisible();
      await replicaAction.click();
      const dialog = page.getByRole("dialog", { name: "Change the image in Azure?" });
      await expect(dialog).toContainText(`Set West Europe replicas of ${GENERALIZED_LINUX} 1.1.0 from 2 to 7.`);
      await expect(dialog).toContainText(/replication takes minutes/);
      await dialog.getByRole("button", { name: "Set replicas" }).click();
      await expect(dialog).toHaveCount(0);
      // The toast's title (its text is also announced in an aria-live region, hence exact).
      await expect(page.getByText("Replicas set", { exact: true })).toBeVisible({ timeout: 30_000 });
      await checksSettled(page);
      await expect(replicaAdvice).toHaveCount(0, { timeout: 15_000 });
      await expect(replicaAction).toHaveCount(0);
      await expect(page.getByRole("heading", { name: "Gallery replicas" })).toHaveCount(0);
      await checkpoint("gallery-2000-nodes-fixed", { fullPage: true });
    });
  });
});
