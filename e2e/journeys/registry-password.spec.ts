import { test, expect } from "../support/journey";
import { requireLab } from "../support/lab";
import { signInToPools } from "../support/session";
import { chooseMarketplaceImage, checksSettled, next, prefetchFromLab, startWizard, testConnection, uniqueId, wizardNext } from "../support/wizard";

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
      await expect(status).not.toContainText(wrongPassword);
      await checksSettled(page);
      // The prefetched image is checked with the same credentials, and it is refused too.
      await expect(page.getByText("Unauthorized", { exact: true })).toBeVisible();
      const visibleText = await page.locator("body").innerText();
      expect(visibleText).not.toContain(wrongPassword);
      await checkpoint("wrong-registry-password", { fullPage: true });
    });

    await test.step("the wizard does not go on to create the pool", async () => {
      await expect(wizardNext(page)).toBeDisabled();
    });

    await test.step("with the right password the connection succeeds", async () => {
      await registry.getByLabel("Password", { exact: true }).fill(lab.password);
      const status = await testConnection(registry);
      await expect(status).toContainText("Connected");
      await checksSettled(page);
      await expect(page.getByText("Found", { exact: true })).toBeVisible();
      await expect(wizardNext(page)).toBeEnabled();
    });

    await test.step("no pool was created", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pools" }).click();
      await expect(page.getByRole("heading", { name: "Pools", level: 1 })).toBeVisible();
      await expect(page.getByRole("link", { name: poolId })).toHaveCount(0);
    });
  });
});
