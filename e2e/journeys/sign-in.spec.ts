import { test, expect } from "../support/journey";
import { OPERATORS, expectSignInPage, openAccountPools, pickOperator, signOut } from "../support/session";

test.describe("sign-in through the local identity provider", () => {
  test("pick an operator, land on the pools page, sign out and sign in again", async ({ page, checkpoint }) => {
    await test.step("the portal sends a new visitor to the local sign-in page", async () => {
      await page.goto("/");
      await expectSignInPage(page);
      await expect(page.getByRole("button", { name: /Grace Hopper/ })).toBeVisible();
      await checkpoint("sign-in-page");
    });

    await test.step("picking a seeded operator signs in and opens the pools page", async () => {
      await pickOperator(page, OPERATORS.ada);
      await checkpoint("account-picker", { screenshot: false });
      await openAccountPools(page);
      await expect(page.getByRole("combobox", { name: "Batch account" })).toContainText("contosoweu");
      await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pools" })).toBeVisible();
      await checkpoint("pools-empty");
    });

    await test.step("the user menu shows who is signed in and signs out", async () => {
      await page.getByRole("button", { name: `Signed in as ${OPERATORS.ada.name}` }).click();
      await expect(page.getByRole("menuitem", { name: OPERATORS.ada.username })).toBeVisible();
      await checkpoint("user-menu");
      await page.keyboard.press("Escape");
      await signOut(page, OPERATORS.ada);
      // Signed out: the identity provider's session is gone, so the portal asks again.
      await expectSignInPage(page);
      await expect(page.getByRole("button", { name: `Signed in as ${OPERATORS.ada.name}` })).toHaveCount(0);
    });

    await test.step("signing in again, as another operator, works", async () => {
      await pickOperator(page, OPERATORS.grace);
      await openAccountPools(page);
      await checkpoint("pools-after-sign-in-again", { screenshot: false });
    });
  });
});
