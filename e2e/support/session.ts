import { expect, type Page } from "@playwright/test";

/** Seeded operators on the local identity provider's sign-in page (apps/emulator/src/identity/operators.ts). */
export const OPERATORS = {
  ada: { name: "Ada Lovelace", username: "ada@contoso.example" },
  grace: { name: "Grace Hopper", username: "grace@contoso.example" },
  alan: { name: "Alan Turing", username: "alan@contoso.example" },
} as const;
export type Operator = { name: string; username: string };

/** The seeded Batch account the journeys work in (West Europe; the gallery replicas are there). */
export const ACCOUNT_NAME = "contosoweu";

/** The local sign-in page: MSAL's redirect lands here when the SPA has no session. */
export async function expectSignInPage(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  await expect(page.getByRole("group", { name: "Pick an operator" })).toBeVisible();
}

/** Picks a seeded operator on the sign-in page and waits until the portal shows them signed in. */
export async function pickOperator(page: Page, operator: Operator): Promise<void> {
  await page.getByRole("button", { name: new RegExp(operator.name) }).click();
  await expect(page.getByRole("button", { name: `Signed in as ${operator.name}` })).toBeVisible();
}

/** Types a name on the sign-in page (someone the local Azure knows, but who holds no role). */
export async function typeOperator(page: Page, name: string): Promise<Operator> {
  await page.getByLabel("Or type a name").fill(name);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("button", { name: `Signed in as ${name}` })).toBeVisible();
  return { name, username: "" };
}

/** Opens the portal, signs in as `operator` and opens the pools page of the journeys' Batch account. */
export async function signInToPools(page: Page, operator: Operator = OPERATORS.ada): Promise<string> {
  await page.goto("/");
  await expectSignInPage(page);
  await pickOperator(page, operator);
  return openAccountPools(page);
}

/** From the account picker (or any page), opens the pools of ACCOUNT_NAME; returns the account's URL segment. */
export async function openAccountPools(page: Page): Promise<string> {
  // "/" jumps to the last account used on its own; otherwise pick it from the account cards.
  const poolsHeading = page.getByRole("heading", { name: "Pools", level: 1 });
  // Filtered by text, not by name: the card links have no accessible name (Fluent's Card is a
  // role=group inside the link; reported to the lead).
  const accountCard = page.getByRole("link").filter({ hasText: ACCOUNT_NAME });
  // The jump may come while the cards are on screen (it runs once they have loaded): retry the click.
  await expect(async () => {
    if (await poolsHeading.isVisible()) return;
    await accountCard.click({ timeout: 2_000 });
    await expect(poolsHeading).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
  await expect(page).toHaveURL(/\/a\/[^/]+\/pools$/);
  await expect(page.getByRole("heading", { name: "Pools", level: 1 })).toBeVisible();
  return new URL(page.url()).pathname.split("/")[2]!;
}

/** Signs out through the user menu; the local identity provider ends the session and MSAL returns to the sign-in page. */
export async function signOut(page: Page, operator: Operator): Promise<void> {
  await page.getByRole("button", { name: `Signed in as ${operator.name}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
}
