import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import JobsPage from "./JobsPage";
import { fakeApi } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { findButtonIn, findDialog } from "../test/dialogs";
import { axeViolations } from "../test/axe";

describe("JobsPage row actions", () => {
  it("enables a disabled job from its row menu after a confirmation; the job list is read again", async () => {
    let enabled = 0;
    const api = fakeApi({
      "GET /api/accounts/acct/jobs": () => ({
        items: [
          { id: "j1", state: "active", poolId: "p1" },
          { id: "j2", state: "disabled", poolId: "p1" },
        ],
      }),
      "POST /api/accounts/acct/jobs/j2/enable": () => void enabled++,
    });
    const { container } = renderPage({
      api,
      pattern: "/a/:account/jobs",
      url: "/a/acct/jobs",
      element: <JobsPage />,
    });
    await screen.findByRole("link", { name: "j2" });
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.click(screen.getByRole("button", { name: "Actions for job j2" }));
    const menu = await screen.findByRole("menu");
    expect(
      within(menu)
        .getByRole("menuitem", { name: /Disable/ })
        .getAttribute("aria-disabled"),
    ).toBe("true");
    expect(within(menu).getByText("Batch disables only an active job; this one is disabled.")).toBeTruthy();
    await userEvent.click(within(menu).getByRole("menuitem", { name: "Enable" }));
    const dialog = await findDialog("Enable job j2?");
    await userEvent.click(await findButtonIn(dialog, "Enable job"));
    await waitFor(() => expect(enabled).toBe(1));
    await waitFor(() => expect(api.calls.filter((c) => c === "GET /api/accounts/acct/jobs")).toHaveLength(2));
  });
});
