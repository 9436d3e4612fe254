import { expect, type Locator, type Page } from "@playwright/test";
import type { Lab } from "./lab";

/** The Marketplace image the container journeys pick: container-ready and not near end of life. */
export const MARKETPLACE_IMAGE = /microsoft-dsvm · ubuntu-hpc · 2404/;

/** A pool id no earlier run (or retry) used: pool ids are unique per account. */
export const uniqueId = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;

export const wizardNext = (page: Page): Locator => page.getByRole("button", { name: "Next", exact: true });
export const wizardStep = (page: Page, title: string): Locator =>
  page.getByRole("navigation", { name: "Wizard steps" }).getByRole("button", { name: new RegExp(`^Step \\d: ${title.replace(/[&]/g, "\\$&")}`) });

/** Waits until the debounced checks with Azure are done (the footer's "Checking with Azure…" is gone). */
export async function checksSettled(page: Page): Promise<void> {
  await expect(page.getByText("Checking with Azure…")).toHaveCount(0);
}

/** Goes to the next step once the current one has no errors, and waits for it to be current. */
export async function next(page: Page, title: string): Promise<void> {
  await checksSettled(page);
  await expect(wizardNext(page)).toBeEnabled();
  await wizardNext(page).click();
  await expect(wizardStep(page, title)).toHaveAttribute("aria-current", "step");
}

/** From the pools page: opens the wizard and fills Basics with `poolId`. */
export async function startWizard(page: Page, poolId: string): Promise<void> {
  await page.getByRole("link", { name: "New container pool" }).click();
  await expect(page.getByRole("heading", { name: "New container pool", level: 1 })).toBeVisible();
  await page.getByLabel("Pool id").fill(poolId);
}

/** Image step: the Marketplace tab, a container-ready Linux image; the node agent SKU follows. */
export async function chooseMarketplaceImage(page: Page): Promise<void> {
  await expect(page.getByRole("tab", { name: "Marketplace (container-ready)" })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("group", { name: "Linux" }).getByRole("radio", { name: MARKETPLACE_IMAGE }).check();
  await expect(page.getByLabel("Node agent SKU")).toHaveValue("batch.node.ubuntu 24.04");
}

/** The registry editor of the n-th registry (1-based). */
export const registrySection = (page: Page, n = 1): Locator => page.getByRole("region", { name: `Registry ${n}` });

/**
 * Containers step: prefetch `image` from the lab registry, signing in with `password`. The registry
 * goes in first, as an operator would: the image row is checked with its login as soon as it is typed.
 */
export async function prefetchFromLab(page: Page, lab: Lab, image: string, password: string): Promise<Locator> {
  await page.getByRole("button", { name: "Add registry" }).click();
  const registry = registrySection(page);
  await registry.getByRole("textbox", { name: "Registry server" }).fill(lab.registry);
  await registry.getByRole("textbox", { name: "User name" }).fill(lab.user);
  await registry.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Add image" }).click();
  await page.getByRole("textbox", { name: "Image 1" }).fill(image);
  return registry;
}

/** Clicks "Test connection" in a registry editor and returns the result badge. */
export async function testConnection(registry: Locator): Promise<Locator> {
  await registry.getByRole("button", { name: "Test connection" }).click();
  const status = registry.getByRole("status");
  await expect(status).not.toBeEmpty();
  return status;
}

/** The VM size the journeys use: small, general purpose, well inside the seeded quota. */
export const VM_SIZE = "Standard_D2s_v3";

/** Size & scale step: picks a VM size from the table. */
export async function chooseVmSize(page: Page, size = VM_SIZE): Promise<void> {
  await page.getByRole("searchbox", { name: "Search VM sizes" }).fill(size);
  await page.getByRole("table", { name: "VM sizes" }).getByRole("radio", { name: size, exact: true }).check();
  await expect(page.getByText(`Selected: ${size}`)).toBeVisible();
}

/** The live check badge of a prefetch row ("Found", "Unauthorized", …); its tooltip lives outside <main>. */
export const imageCheck = (page: Page, text: string): Locator => page.getByRole("main").getByText(text, { exact: true });
