import { test, expect } from "../support/journey";
import { OPERATORS, expectSignInPage, openAccountPools, pickOperator, signOut, typeOperator } from "../support/session";
import { chooseMarketplaceImage, chooseVmSize, next, uniqueId } from "../support/wizard";

/*
 * The local Azure enforces Azure's roles: Grace holds Reader (and the job read data actions), Alan
 * the Batch Job Submitter role on contosoweu, a typed-in name nothing. The portal disables what a
 * role refuses and names the missing permission; a request forced past that is refused by Azure,
 * and the refusal names the permission too.
 */
const POOLS_WRITE = "Microsoft.Batch/batchAccounts/pools/write";
const JOBS_WRITE = "Microsoft.Batch/batchAccounts/jobs/write";

test.describe("roles, as Azure enforces them", () => {
  test.setTimeout(240_000);

  test("a reader sees everything and changes nothing, a job submitter runs jobs but makes no pool, a stranger is told what to ask for", async ({ page, checkpoint }) => {
    let account = "";

    await test.step("Grace (Reader): every write is disabled and says which permission it lacks", async () => {
      await page.goto("/");
      await expectSignInPage(page);
      await pickOperator(page, OPERATORS.grace);
      account = await openAccountPools(page);
      const newPool = page.getByRole("button", { name: "New container pool" }).first();
      await expect(newPool).toHaveAttribute("aria-disabled", "true");
      await expect(newPool).toHaveAccessibleDescription(new RegExp(POOLS_WRITE));
      await checkpoint("roles-reader-pools", { screenshot: false });
      await newPool.hover();
      await expect(page.getByRole("tooltip")).toContainText(POOLS_WRITE);
      // The tooltip is a popup outside the landmarks while it shows; the page was checked just before.
      await checkpoint("roles-reader-why", { axe: false });
      await page.mouse.move(0, 0);
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs" }).click();
      const newJob = page.getByRole("button", { name: "New job" }).first();
      await expect(newJob).toHaveAttribute("aria-disabled", "true");
      await expect(newJob).toHaveAccessibleDescription(new RegExp(JOBS_WRITE));
      await checkpoint("roles-reader-jobs");
    });

    await test.step("Grace forces a pool through the wizard's URL: Azure refuses it, naming the permission", async () => {
      await page.goto(`/a/${account}/pools/new`);
      await page.getByLabel("Pool id").fill(uniqueId("e2e-forced"));
      await next(page, "Image");
      await chooseMarketplaceImage(page);
      await next(page, "Containers");
      await next(page, "Size & scale");
      await chooseVmSize(page);
      await next(page, "Start task");
      await next(page, "Review");
      await page.getByRole("button", { name: "Create pool" }).click();
      await expect(page.getByText(new RegExp(`does not have authorization to perform action '${POOLS_WRITE}'`)).first()).toBeVisible();
      await checkpoint("roles-reader-refused", { screenshot: true });
      await signOut(page, OPERATORS.grace);
    });

    await test.step("Alan (Batch Job Submitter on contosoweu): jobs open, pools closed", async () => {
      await expectSignInPage(page);
      await pickOperator(page, OPERATORS.alan);
      await openAccountPools(page);
      await expect(page.getByRole("button", { name: "New container pool" }).first()).toHaveAccessibleDescription(new RegExp(POOLS_WRITE));
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs" }).click();
      await expect(page.getByRole("link", { name: "New job" }).first()).toBeVisible();
      await checkpoint("roles-submitter-jobs", { screenshot: false });
      await signOut(page, OPERATORS.alan);
    });

    await test.step("a typed-in name holds no role: the portal says what to ask an administrator for", async () => {
      await expectSignInPage(page);
      const stranger = await typeOperator(page, "Jane Doe");
      await expect(page.getByRole("heading", { name: "No subscriptions visible to you" })).toBeVisible();
      await expect(page.getByText(/Ask an owner to give you at least the Reader role/)).toBeVisible();
      await checkpoint("roles-no-access");
      await signOut(page, stranger);
    });
  });
});
