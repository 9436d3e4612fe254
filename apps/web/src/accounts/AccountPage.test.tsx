import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import type { AccountSummary } from "@batch-studio/shared";
import AccountPage from "./AccountPage";
import { fakeApi, problem } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { axeViolations } from "../test/axe";

const A = "/api/accounts/sub1~rg~acct";
const account: AccountSummary = {
  id: "sub1~rg~acct",
  name: "acct",
  subscriptionId: "sub1",
  resourceGroup: "rg",
  location: "westeurope",
  endpoint: "acct.westeurope.batch.azure.com",
  quotas: {
    dedicatedCoreQuota: 200,
    lowPriorityCoreQuota: 100,
    poolQuota: 20,
    activeJobAndJobScheduleQuota: 300,
    dedicatedCoreQuotaPerVmFamilyEnforced: true,
    dedicatedCoreQuotaPerVmFamily: [
      { family: "standardDSv3Family", coreQuota: 100 },
      { family: "standardNCSv3Family", coreQuota: 24 },
      { family: "standardHBrsv3Family", coreQuota: 0 },
    ],
  },
};
const vmSize = (name: string, family: string, vCpus: number) => ({ name, family, vCpus, memoryGiB: 8, gpus: 0, rdma: false, lowPriorityCapable: true });
const pool = (id: string, vmSize: string, current: number, target: number, spot = 0) => ({
  id,
  vmSize,
  state: "active",
  allocationState: current === target ? "steady" : "resizing",
  currentDedicatedNodes: current,
  targetDedicatedNodes: target,
  currentSpotNodes: spot,
  targetSpotNodes: spot,
  isContainerPool: true,
  resizeErrors: [],
});

function render(pools: unknown, overrides: Partial<AccountSummary> = {}) {
  const api = fakeApi({
    "GET /api/accounts": () => ({ subscriptions: [{ subscriptionId: "sub1", accounts: [{ ...account, ...overrides }] }] }),
    [`GET ${A}/pools`]: () => {
      if (pools instanceof Error) throw pools;
      return pools;
    },
    [`GET ${A}/catalog/vm-sizes`]: () => ({
      items: [vmSize("Standard_D4s_v3", "standardDSv3Family", 4), vmSize("Standard_NC6s_v3", "standardNCSv3Family", 6)],
      perFamilyEnforced: true,
    }),
  });
  return renderPage({ api, pattern: "/a/:account/account", url: "/a/sub1~rg~acct/account", element: <AccountPage /> });
}

describe("AccountPage", () => {
  it("shows used/limit bars per VM family from pools × VM size cores", async () => {
    const { container } = render({ items: [pool("render", "standard_d4s_v3", 20, 30, 5), pool("gpu", "standard_nc6s_v3", 4, 4)] });
    const families = await screen.findByRole("list", { name: "Dedicated cores per VM family" });
    const dsv3 = within(families).getByRole("progressbar", { name: "DSv3: 80 of 100 cores" });
    expect(dsv3.getAttribute("aria-valuenow")).toBe("0.8");
    // 24 of 24 GPU cores: full.
    expect(within(families).getByRole("progressbar", { name: "NCSv3: 24 of 24 cores" }).getAttribute("aria-valuenow")).toBe("1");
    // The resize in flight takes DSv3 past its limit once it completes.
    expect(within(families).getByText(/120 cores once resizes finish — over the limit/)).toBeTruthy();
    expect(within(families).getByText(/over the limit\. Pools: render$/)).toBeTruthy();
    // A zero-quota family is named, not drawn as an empty bar.
    expect(screen.getByText(/No quota .*: HBrsv3\./)).toBeTruthy();
    const totals = screen.getByRole("list", { name: "Account core quotas" });
    expect(within(totals).getByRole("progressbar", { name: "Dedicated cores: 104 of 200 cores" })).toBeTruthy();
    expect(within(totals).getByRole("progressbar", { name: "Spot cores: 20 of 100 cores" })).toBeTruthy();
    expect(within(totals).getByRole("progressbar", { name: "Pools: 2 of 20 pools" })).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });

  it("keeps the limits and says why use is missing when pools cannot be read", async () => {
    render(problem(403, "Forbidden", { detail: "no data-plane access" }));
    expect(await screen.findByText(/Use cannot be shown: pools could not be read/)).toBeTruthy();
    expect(screen.getByText("Active jobs and schedules quota")).toBeTruthy();
  });

  it("shows use without limits for a user-subscription account, and says which quota applies", async () => {
    render({ items: [pool("render", "standard_d4s_v3", 2, 2)] }, { poolAllocationMode: "UserSubscription", quotas: {} });
    expect(await screen.findByText(/allocated in your subscription/)).toBeTruthy();
    expect(within(screen.getByRole("list", { name: "Account core quotas" })).getByText("8 cores in use")).toBeTruthy();
    expect(within(screen.getByRole("list", { name: "Dedicated cores per VM family" })).getByText("8 cores in use")).toBeTruthy();
    expect(screen.queryByRole("progressbar", { name: /Dedicated cores/ })).toBeNull();
    expect(screen.getByText(/no per-family limit/)).toBeTruthy();
  });
});
