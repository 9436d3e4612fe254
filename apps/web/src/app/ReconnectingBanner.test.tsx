import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import { AppShell } from "./AppShell";
import { createApiClient } from "../auth/apiClient";
import { checkAgainstContract } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { axeViolations } from "../test/axe";

const accounts = {
  subscriptions: [
    {
      subscriptionId: "sub1",
      displayName: "Research",
      accounts: [
        {
          id: "sub1~rg~acct",
          name: "acct",
          subscriptionId: "sub1",
          resourceGroup: "rg",
          location: "westeurope",
          endpoint: "acct.westeurope.batch.azure.com",
          quotas: { dedicatedCoreQuota: 100, lowPriorityCoreQuota: 50, poolQuota: 20 },
        },
      ],
    },
  ],
};

type Mode = "up" | "no-answer" | 503 | 502 | 404 | 400;

/**
 * The real API client over a fetch that answers like the BFF would in each `mode`: the shell's
 * answers while up, no answer at all (the BFF is down), or a problem with that status for every call.
 */
function bff() {
  const state = { mode: "up" as Mode, calls: 0 };
  const answers: Record<string, unknown> = {
    "/api/accounts": accounts,
    "/api/emulator": { emulator: false },
    "/api/health": { status: "ok" },
  };
  const fetchImpl = async (input: RequestInfo | URL) => {
    state.calls++;
    const path = new URL(String(input), "http://localhost").pathname;
    if (state.mode === "no-answer") throw new TypeError("Failed to fetch");
    if (state.mode !== "up") {
      const body = { type: "about:blank", title: `HTTP ${state.mode}`, status: state.mode };
      return new Response(JSON.stringify(body), {
        status: state.mode,
        headers: { "content-type": "application/problem+json" },
      });
    }
    checkAgainstContract("GET", path, answers[path]);
    return new Response(JSON.stringify(answers[path]), { headers: { "content-type": "application/json" } });
  };
  const api = createApiClient(
    { getToken: async () => "token", promptInteraction: async () => {} },
    fetchImpl as typeof fetch,
  );
  return { state, api };
}

const renderShell = (api: ReturnType<typeof bff>["api"]) =>
  renderPage({ api, pattern: "/a/:account/pools", url: "/a/sub1~rg~acct/pools", element: <AppShell /> });

describe("the shell's reconnecting banner", () => {
  it("shows while the BFF does not answer, and goes with the page recovered, without a reload, once it does", async () => {
    const { state, api } = bff();
    state.mode = "no-answer";
    const { container } = renderShell(api);
    const banner = await screen.findByRole("status");
    await screen.findByText(/backend is not answering/, {}, { timeout: 10_000 });
    expect(banner.textContent).toMatch(/^Reconnecting…/);
    expect(await axeViolations(container)).toEqual([]);

    state.mode = "up";
    // The banner retries the failed account list by itself; the account switcher fills in.
    await waitFor(() => expect(screen.queryByRole("status")).toBeNull(), { timeout: 10_000 });
    const switcher = await screen.findByRole("combobox", { name: "Batch account" }, { timeout: 10_000 });
    expect(switcher.textContent).toBe("acct (westeurope)");
  });

  it.each([503, 502] as const)("shows on %i from the API (Batch behind the BFF is away)", async (status) => {
    const { state, api } = bff();
    state.mode = status;
    renderShell(api);
    expect((await screen.findByRole("status", {}, { timeout: 10_000 })).textContent).toMatch(
      /^Reconnecting…/,
    );
  });

  it.each([404, 400] as const)("does not show for an ordinary %i", async (status) => {
    const { state, api } = bff();
    state.mode = status;
    renderShell(api);
    // Both of the shell's queries were answered (with the error), and still no banner.
    await waitFor(() => expect(state.calls).toBeGreaterThanOrEqual(2));
    await new Promise((r) => setTimeout(r, 300));
    expect(screen.queryByRole("status")).toBeNull();
  });
});
