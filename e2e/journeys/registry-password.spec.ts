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
  wizardNext,
  wizardStep,
} from "../support/wizard";

test.describe("a wrong registry password", () => {
  test("is caught by Test connection before the pool is created", async ({ page, checkpoint }) => {
    const lab = requireLab();
    const wrongPassword = `wrong-${Date.now().toString(36)}-Pa55`;
    const poolId = uniqueId("e2e-wrongpw");

    await signInToPools(page);
    await startWizard(page, poolId);
    await next(page, "Image");
    await chooseMarketplaceImage(page);
    await next(page, "Containers");
    const registry = await prefetchFromLab(page, lab, lab.plainImage, wrongPassword);

    await test.step("Test connection says the credentials are refused, in words, without the password", async () => {
      const status = await testConnection(registry);
      await expect(status).toContainText(/unauthori[sz]ed/i);
      await expect(status).toContainText(/rejected the credentials/i);
      await expect(status).not.toContainText(wrongPassword);
      // The prefetched image is looked up with the same credentials, and refused too.
      await expect(imageCheck(page, "Unauthorized")).toBeVisible();
      expect(await page.locator("body").innerText()).not.toContain(wrongPassword);
      await checkpoint("wrong-registry-password", { fullPage: true });
    });

    await test.step("the Containers step blocks Next right after credentials are rejected, and says why", async () => {
      await checksSettled(page);
      await expect(wizardNext(page)).toBeDisabled();
      await expect(wizardStep(page, "Containers")).toHaveAccessibleName(/\d+ errors?/);
      await expect(page.getByText(/Fix the errors on “Containers” to continue/)).toBeVisible();
      await expect(page.getByText(/rejected these credentials/).first()).toBeVisible();
      expect(await page.locator("body").innerText()).not.toContain(wrongPassword);
      await checkpoint("wrong-registry-password-blocked", { fullPage: true });
    });

    await test.step("with the right password the connection succeeds and the wizard may go on", async () => {
      await registry.getByLabel("Password", { exact: true }).fill(lab.password);
      const status = await testConnection(registry);
      await expect(status).toContainText("Connected");
      await checksSettled(page);
      await expect(wizardStep(page, "Containers")).not.toHaveAccessibleName(/error/);
      await expect(wizardNext(page)).toBeEnabled();
    });

    await test.step("the prefetch row says Found once the right password is entered", async () => {
      await expect(imageCheck(page, "Found")).toBeVisible();
    });

    await test.step("the rest of the wizard opens, and Containers stays clean", async () => {
      await next(page, "Size & scale");
      await chooseVmSize(page);
      await checksSettled(page);
      await expect(wizardStep(page, "Containers")).not.toHaveAccessibleName(/error/);
    });

    await test.step("no pool was created", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pools" }).click();
      await expect(page.getByRole("heading", { name: "Pools", level: 1 })).toBeVisible();
      await expect(page.getByRole("link", { name: poolId })).toHaveCount(0);
    });

  });
});
