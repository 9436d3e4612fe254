import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { PoolSpecInput, ValidationResponse, VmSizesResponse } from "@batch-studio/shared";
import PoolWizardPage from "./PoolWizardPage";
import { fakeApi } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { axeViolations } from "../test/axe";

const A = "/api/accounts/acct";
const vmSizes: VmSizesResponse = {
  items: [{ name: "Standard_D2s_v3", family: "standardDSv3Family", vCpus: 2, memoryGiB: 8, gpus: 0, rdma: false, lowPriorityCapable: true, familyCoreQuota: 5000 }],
  perFamilyEnforced: true,
};
const bigPool: PoolSpecInput = {
  id: "big",
  vmSize: "Standard_D2s_v3",
  image: { kind: "marketplace", publisher: "microsoft-dsvm", offer: "ubuntu-hpc", sku: "2204", version: "latest" },
  nodeAgentSkuId: "batch.node.ubuntu 22.04",
  container: { prefetchImages: [], registries: [] },
  scale: { dedicated: 2000, spot: 0, resizeTimeout: "PT15M" },
};

const page = (api: ReturnType<typeof fakeApi>, url: string) =>
  renderPage({ api, pattern: "/a/:account/pools/new", url, element: <PoolWizardPage /> });

describe("PoolWizardPage", () => {
  it("greets a new operator without errors, and Next shows the step's errors and stays", async () => {
    const api = fakeApi({
      "GET /api/accounts": () => ({ subscriptions: [] }),
      [`POST ${A}/validate/pool`]: (): ValidationResponse => ({ ok: false, facts: {}, issues: [] }),
    });
    page(api, "/a/acct/pools/new");
    await screen.findByRole("textbox", { name: /Pool id/ });
    expect(screen.queryByText(/required/i)).toBeNull();
    expect(screen.queryByRole("button", { name: /error/ })).toBeNull();
    const next = screen.getByRole("button", { name: "Next" });
    expect(next.hasAttribute("disabled")).toBe(false);
    await userEvent.click(next);
    expect(await screen.findByText(/Pool id is required/)).toBeTruthy();
    expect(screen.getByRole("button", { name: /Step 1: Basics \(1 error\)/ })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Next" }).hasAttribute("disabled")).toBe(true);
    // Still on Basics, and the later steps' errors stay hidden.
    expect(screen.getByRole("textbox", { name: /Pool id/ })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Step 2: Image \(/ })).toBeNull();
  });

  it("shows errors at the field and blocks Next until they are fixed; warnings never block", async () => {
    const api = fakeApi({ "GET /api/accounts": () => ({ subscriptions: [] }) });
    const { container } = page(api, "/a/acct/pools/new");
    const id = await screen.findByRole("textbox", { name: /Pool id/ });
    await userEvent.type(id, "bad id!");
    expect(await screen.findByText(/may contain only letters/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Next" }).hasAttribute("disabled")).toBe(true);
    expect(screen.getByRole("button", { name: /Step 1: Basics \(1 error\)/ })).toBeTruthy();
    await userEvent.clear(id);
    await userEvent.type(id, "good-pool");
    await waitFor(() => expect(screen.getByRole("button", { name: "Next" }).hasAttribute("disabled")).toBe(false));
    expect(await axeViolations(container)).toEqual([]);
  });

  it("applies a one-click fix, and a newer async check cancels the older one", async () => {
    const checks: { body: PoolSpecInput; signal?: AbortSignal }[] = [];
    const api = fakeApi({
      "GET /api/accounts": () => ({ subscriptions: [] }),
      [`GET ${A}/pools/big/spec`]: () => ({ spec: bigPool, reentry: [], ignored: [] }),
      [`GET ${A}/catalog/vm-sizes`]: () => vmSizes,
      [`POST ${A}/validate/pool`]: async ({ body, signal }) => {
        checks.push({ body: body as PoolSpecInput, signal });
        const first = checks.length === 1;
        // The first answer is slow and says something the second does not.
        await new Promise((r) => setTimeout(r, first ? 800 : 10));
        const response: ValidationResponse = {
          ok: !first,
          facts: {},
          issues: first ? [{ path: ["vmSize"], level: "error", code: "test.stale", message: "STALE ANSWER" }] : [],
        };
        return response;
      },
    });
    const { container } = page(api, "/a/acct/pools/new?clone=big&step=size");
    await screen.findByText(/New pool from big/);
    const fix = await screen.findByRole("button", { name: /Set resize timeout to PT30M/ }, { timeout: 5000 });
    // A warning: Next stays enabled.
    expect(screen.getByRole("button", { name: "Next" }).hasAttribute("disabled")).toBe(false);
    await waitFor(() => expect(checks).toHaveLength(1), { timeout: 2000 });
    await userEvent.click(fix);
    expect((screen.getByRole("textbox", { name: /Resize timeout/ }) as HTMLInputElement).value).toBe("PT30M");
    await waitFor(() => expect(checks).toHaveLength(2), { timeout: 2000 });
    expect(checks[0]!.signal?.aborted).toBe(true);
    expect(checks[1]!.body.scale?.resizeTimeout).toBe("PT30M");
    await new Promise((r) => setTimeout(r, 900));
    expect(screen.queryByText("STALE ANSWER")).toBeNull();
    expect(screen.queryByRole("button", { name: /Set resize timeout to PT30M/ })).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });

  it("clones a pool: its settings fill the wizard, and what Batch never returns is named for re-entry", async () => {
    const withRegistry: PoolSpecInput = {
      ...bigPool,
      container: {
        prefetchImages: ["contoso.azurecr.io/sim:2"],
        registries: [{ server: "contoso.azurecr.io", auth: { kind: "password", username: "puller", password: "" } }],
      },
    };
    const api = fakeApi({
      "GET /api/accounts": () => ({ subscriptions: [] }),
      [`GET ${A}/pools/big/spec`]: () => ({
        spec: withRegistry,
        reentry: [{ path: ["container", "registries", 0, "auth", "password"], reason: "Batch never returns registry passwords; enter it again." }],
        ignored: ["mountConfiguration"],
      }),
    });
    const { container } = page(api, "/a/acct/pools/new?clone=big");
    expect(await screen.findByText(/Password for contoso\.azurecr\.io: Batch never returns registry passwords/)).toBeTruthy();
    expect(screen.getByText(/mountConfiguration is not part of a pool spec/)).toBeTruthy();
    expect((screen.getByRole("textbox", { name: /Pool id/ }) as HTMLInputElement).value).toBe("big-copy");
    expect(await axeViolations(container)).toEqual([]);
  });

  it("picks the pool's application packages on the Start task step; a version the application lacks shows at its field on Next", async () => {
    const applications = [{ id: "ffmpeg", versions: ["6.0", "6.1"], defaultVersion: "6.1" }];
    const withPackage: PoolSpecInput = { ...bigPool, scale: { dedicated: 1, spot: 0, resizeTimeout: "PT15M" }, applicationPackages: [{ applicationId: "ffmpeg", version: "5.0" }] };
    const checks: PoolSpecInput[] = [];
    const api = fakeApi({
      "GET /api/accounts": () => ({ subscriptions: [] }),
      [`GET ${A}/pools/big/spec`]: () => ({ spec: withPackage, reentry: [], ignored: [] }),
      [`GET ${A}/applications`]: () => ({ items: applications }),
      // The BFF answers the account's applications as facts once the spec references packages.
      [`POST ${A}/validate/pool`]: ({ body }): ValidationResponse => {
        checks.push(body as PoolSpecInput);
        return { ok: true, facts: { applications }, issues: [] };
      },
    });
    const { container } = page(api, "/a/acct/pools/new?clone=big&step=startTask");
    const version = await screen.findByRole("combobox", { name: /Package 1 version/ });
    expect(version.textContent).toContain("5.0");
    await waitFor(() => expect(checks.length).toBeGreaterThan(0));
    await userEvent.click(screen.getByRole("button", { name: "Next" }));
    expect(await screen.findByText(/has no activated version "5.0"; it has "6.0", "6.1"/)).toBeTruthy();
    await userEvent.click(version);
    await userEvent.click(await screen.findByRole("option", { name: "6.1" }));
    await waitFor(() => expect(screen.queryByText(/has no activated version/)).toBeNull());
    // The BFF check is debounced: the latest one sent is about the chosen version once it has rested.
    await waitFor(() => expect(checks.at(-1)?.applicationPackages).toEqual([{ applicationId: "ffmpeg", version: "6.1" }]));
    expect(await axeViolations(container)).toEqual([]);
  });
});
