import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import type { AccountsResponse } from "@batch-studio/shared";
import { AccountPickerPage } from "./AccountPickerPage";
import { AppShell } from "../app/AppShell";
import { fakeApi, problem } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { axeViolations, visibleLabel } from "../test/axe";

const account = {
  id: "sub1~rg~acct",
  name: "acct",
  subscriptionId: "sub1",
  resourceGroup: "rg",
  location: "westeurope",
  endpoint: "acct.westeurope.batch.azure.com",
  quotas: { dedicatedCoreQuota: 100, lowPriorityCoreQuota: 50, poolQuota: 20 },
};

function render(accounts: AccountsResponse | Error) {
  const api = fakeApi({
    "GET /api/accounts": () => {
      if (accounts instanceof Error) throw accounts;
      return accounts;
    },
    "GET /api/emulator": () => ({ emulator: true, runtime: "process", message: "containers simulated: no Docker engine" }),
  });
  return renderPage({ api, pattern: "/", url: "/", element: <AccountPickerPage /> });
}

describe("AccountPickerPage", () => {
  it("explains an empty tenant and what to do", async () => {
    const { container } = render({ subscriptions: [] });
    expect(await screen.findByText("No subscriptions visible to you")).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });

  it("lists accounts by subscription and isolates a subscription without access", async () => {
    const { container } = render({
      subscriptions: [
        { subscriptionId: "sub1", displayName: "Production", accounts: [account] },
        { subscriptionId: "sub2", displayName: "Locked", accounts: [], error: { type: "x", title: "Forbidden", status: 403, detail: "AuthorizationFailed" } },
      ],
    });
    expect(await screen.findByText("No access to Locked")).toBeTruthy();
    // Named by the account, exactly: the link holds only the name (the card around it is a group).
    expect(screen.getByRole("link", { name: "acct" }).getAttribute("href")).toBe("/a/sub1~rg~acct/pools");
    expect(screen.getByRole("link", { name: "acct" }).closest("[role=group]")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Production" })).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });

  it("says when subscriptions hold no Batch account", async () => {
    render({ subscriptions: [{ subscriptionId: "sub1", accounts: [] }] });
    expect(await screen.findByText("No Batch accounts in your subscriptions")).toBeTruthy();
  });

  it("shows a failed listing with a retry", async () => {
    render(problem(502, "ARM unavailable"));
    expect(await screen.findByText("Could not load your Batch accounts")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Retry" })).toBeTruthy();
  });
});

describe("AppShell", () => {
  it("has navigation, the account switcher, the user menu and the emulator note", async () => {
    const api = fakeApi({
      "GET /api/accounts": () => ({ subscriptions: [{ subscriptionId: "sub1", accounts: [account] }] }),
      "GET /api/emulator": () => ({ emulator: true, runtime: "process", message: "containers simulated: no Docker engine" }),
    });
    const { container } = renderPage({
      api,
      pattern: "/a/:account/pools",
      url: "/a/sub1~rg~acct/pools",
      element: <AppShell />,
    });
    expect(await screen.findByText(/containers simulated: no Docker engine/)).toBeTruthy();
    expect(screen.getByRole("navigation", { name: "Main" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Jobs" }).getAttribute("href")).toBe("/a/sub1~rg~acct/jobs");
    const userMenu = screen.getByRole("button", { name: "Signed in as Ada Operator" });
    // The initials "AO" are shown but hidden from assistive tech; the name is the hidden text, no aria-label.
    expect(userMenu.hasAttribute("aria-label")).toBe(false);
    expect(visibleLabel(userMenu)).toBe("Signed in as Ada Operator");
    expect(await screen.findByRole("combobox", { name: "Batch account" })).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });
});
