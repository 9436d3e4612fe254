import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import type { PoolSummary } from "@batch-studio/shared";
import { PoolsPage } from "./PoolsPage";
import { fakeApi } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { axeViolations } from "../test/axe";

const pool = (i: number): PoolSummary => ({
  id: `pool-${i}`,
  vmSize: "standard_d2s_v3",
  state: "active",
  allocationState: i === 0 ? "resizing" : "steady",
  currentDedicatedNodes: i === 0 ? 1 : 2,
  currentSpotNodes: 0,
  targetDedicatedNodes: 2,
  targetSpotNodes: 0,
  isContainerPool: true,
  image: "microsoft-dsvm/ubuntu-hpc/2204",
  resizeErrors: [],
  creationTime: new Date(Date.now() - 3_600_000).toISOString(),
});

describe("PoolsPage", () => {
  it("renders only the visible rows of a long list, with links and node targets", async () => {
    const api = fakeApi({ "GET /api/accounts/acct/pools": () => ({ items: Array.from({ length: 5000 }, (_, i) => pool(i)) }) });
    const { container } = renderPage({ api, pattern: "/a/:account/pools", url: "/a/acct/pools", element: <PoolsPage /> });
    expect(await screen.findByRole("link", { name: "pool-0" })).toBeTruthy();
    expect(screen.getByText("5000 pool(s)")).toBeTruthy();
    expect(screen.getByText("1 → 2")).toBeTruthy();
    const rows = container.querySelectorAll('[role="row"]');
    expect(rows.length).toBeLessThan(100);
    expect(screen.getByRole("table", { name: "Pools" }).getAttribute("aria-rowcount")).toBe("5001");
    expect(await axeViolations(container)).toEqual([]);
  });

  it("shows a real empty state with the next step", async () => {
    const api = fakeApi({ "GET /api/accounts/acct/pools": () => ({ items: [] }) });
    const { container } = renderPage({ api, pattern: "/a/:account/pools", url: "/a/acct/pools", element: <PoolsPage /> });
    expect(await screen.findByText("No pools yet")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Create a container pool" }).getAttribute("href")).toBe("/a/acct/pools/new");
    expect(await axeViolations(container)).toEqual([]);
  });
});
