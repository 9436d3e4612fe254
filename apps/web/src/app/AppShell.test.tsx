import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AppShell } from "./AppShell";
import { fakeApi } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { axeViolations } from "../test/axe";

const account = (name: string) => ({
  id: `sub1~rg~${name}`,
  name,
  subscriptionId: "sub1",
  resourceGroup: "rg",
  location: "westeurope",
  endpoint: `${name}.westeurope.batch.azure.com`,
  quotas: { dedicatedCoreQuota: 100, lowPriorityCoreQuota: 50, poolQuota: 20 },
});

const renderShell = () => {
  const api = fakeApi({
    "GET /api/accounts": () => ({ subscriptions: [{ subscriptionId: "sub1", displayName: "Research", accounts: [account("acct"), account("other")] }] }),
    "GET /api/emulator": () => ({ emulator: false }),
  });
  return renderPage({
    api,
    pattern: "/a/:account/pools",
    url: "/a/sub1~rg~acct/pools",
    element: <AppShell />,
    extraRoutes: [{ path: "/a/:account/pools/x", element: <p>never</p> }],
  });
};

/*
 * The top bar's popups load on demand: these tests go through the first interaction, when the
 * light trigger on screen is replaced by the real Fluent control.
 */
describe("AppShell's on-demand popups", () => {
  it("opens the user menu on the first click, with the user and sign-out", async () => {
    renderShell();
    const trigger = screen.getByRole("button", { name: "Signed in as Ada Operator" });
    expect(trigger.getAttribute("aria-haspopup")).toBe("menu");
    expect(trigger.getAttribute("aria-expanded")).toBe("false");
    // A click with no hover before it (touch, or a very quick pointer): the menu's code is not
    // there yet, so the menu opens when it arrives (the first import is slow under Vitest).
    fireEvent.click(trigger);
    expect(await screen.findByRole("menuitem", { name: "Sign out" }, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByRole("menuitem", { name: "ada@example.com" })).toBeTruthy();
  });

  it("switches the theme from its menu", async () => {
    renderShell();
    await userEvent.click(screen.getByRole("button", { name: "Theme: Use system setting" }));
    await userEvent.click(await screen.findByRole("menuitemradio", { name: "Dark" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Theme: Dark" })).toBeTruthy());
    window.localStorage.removeItem("batch-studio.theme");
  });

  it("shows the current account closed, swaps in the real Dropdown on hover, and switches accounts", async () => {
    const { history, container } = renderShell();
    const closed = await screen.findByRole("combobox", { name: "Batch account" });
    expect(closed.textContent).toBe("acct (westeurope)");
    expect(closed.getAttribute("aria-expanded")).toBe("false");
    expect(await axeViolations(container)).toEqual([]);
    // The pointer on its way fetches the real Dropdown, which takes the closed one's place.
    await userEvent.hover(closed);
    await waitFor(() => expect(screen.getByRole("combobox", { name: "Batch account" })).not.toBe(closed));
    await userEvent.click(screen.getByRole("combobox", { name: "Batch account" }));
    const option = await screen.findByRole("option", { name: "other · westeurope" });
    expect(screen.getByRole("combobox", { name: "Batch account" }).getAttribute("aria-expanded")).toBe("true");
    await userEvent.click(option);
    await waitFor(() => expect(history.location.pathname).toBe("/a/sub1~rg~other/pools"));
  });
});
