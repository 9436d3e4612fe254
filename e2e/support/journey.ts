import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { test as base, expect, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";

/** docs/screenshots/ at the repository root; journey screenshots are named e2e-<name>.png. */
export const screenshotDir = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));

export interface CheckpointOptions {
  /** Skip the screenshot (axe still runs): for intermediate pages nobody needs a picture of. */
  screenshot?: boolean;
  /** Skip axe: only for a fleeting state whose page is checked again right after. */
  axe?: boolean;
  /** Capture the whole scrollable page rather than the viewport. */
  fullPage?: boolean;
}

/** Waits until the page shows no loading placeholders, so axe and screenshots see the real content. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("domcontentloaded");
  // Fluent Skeletons carry aria-busy; the app's skeletons and spinners say "Loading …".
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByText(/^Loading…?$/)).toHaveCount(0);
}

interface JourneyFixtures {
  /** Every page a journey visits passes through here: axe (serious/critical fail), then a screenshot. */
  checkpoint(name: string, options?: CheckpointOptions): Promise<void>;
}

export const test = base.extend<JourneyFixtures>({
  checkpoint: async ({ page }, use, testInfo) => {
    // Uncaught errors in the portal end up in the report: a blank page then explains itself.
    page.on("pageerror", (error) => testInfo.annotations.push({ type: "page error", description: `${page.url()}: ${error.message}` }));
    mkdirSync(screenshotDir, { recursive: true });
    await use(async (name, options = {}) => {
      if (options.axe !== false) {
        await settle(page);
        await expectAccessible(page, testInfo, name);
      }
      if (options.screenshot !== false) {
        const path = `${screenshotDir}e2e-${name}.png`;
        await page.screenshot({ path, fullPage: options.fullPage ?? false, animations: "disabled", caret: "hide" });
        await testInfo.attach(`e2e-${name}.png`, { path, contentType: "image/png" });
      }
    });
  },
});

/**
 * Records a known product bug (reported to the lead) on the running journey. The step that
 * asserts the right behaviour follows as `test.step.skip("FIXME: …")`, to be enabled once fixed.
 */
export function knownBug(description: string): void {
  test.info().annotations.push({ type: "fixme", description });
}

export { expect };
