import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { NodeSummary, PoolDetails, PoolSpecInput } from "@batch-studio/shared";
import PoolPage, { allocationProgress } from "./PoolPage";
import { fakeApi, problem } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { findButtonIn, findDialog } from "../test/dialogs";
import { axeViolations } from "../test/axe";

const P = "/api/accounts/acct/pools/render";
const pool: PoolDetails = {
  id: "render",
  vmSize: "standard_d2s_v3",
  state: "active",
  allocationState: "resizing",
  currentDedicatedNodes: 3,
  currentSpotNodes: 0,
  targetDedicatedNodes: 4,
  targetSpotNodes: 0,
  isContainerPool: true,
  image: "microsoft-dsvm/ubuntu-hpc/2204",
  resizeErrors: [{ code: "AccountCoreQuotaReached", message: "The core quota was reached." }],
  prefetchImages: ["docker.io/library/busybox:latest"],
  registries: [{ server: "myacr.azurecr.io", username: "puller" }],
  resizeTimeout: "PT15M",
};
const node = (id: string, state: string): NodeSummary => ({
  id,
  state,
  errors: [],
  startTask:
    state === "starttaskfailed"
      ? { state: "completed", exitCode: 2, failureMessage: "The start task exited with code 2" }
      : undefined,
});

describe("PoolPage", () => {
  it("exports the pool as a bare spec file, without the clone's re-entry notes", async () => {
    const spec: PoolSpecInput = {
      id: "render",
      vmSize: "standard_d2s_v3",
      image: {
        kind: "marketplace",
        publisher: "microsoft-dsvm",
        offer: "ubuntu-hpc",
        sku: "2204",
        version: "latest",
      },
      nodeAgentSkuId: "batch.node.ubuntu 22.04",
      container: { prefetchImages: [], registries: [] },
      scale: { dedicated: 4, spot: 0, resizeTimeout: "PT15M" },
    };
    const api = fakeApi({
      [`GET ${P}`]: () => pool,
      [`GET ${P}/nodes`]: () => ({ items: [] }),
      [`GET ${P}/spec`]: () => ({ spec, reentry: [], ignored: [] }),
    });
    const saved: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => (saved.push(blob), "blob:spec"));
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    renderPage({
      api,
      pattern: "/a/:account/pools/:pool",
      url: "/a/acct/pools/render",
      element: <PoolPage />,
    });
    await userEvent.click(await screen.findByRole("button", { name: "Export spec" }));
    await waitFor(() => expect(saved).toHaveLength(1));
    // jsdom's Blob has no text(); FileReader reads it as a browser would.
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsText(saved[0]!);
    });
    expect(JSON.parse(text)).toEqual(spec);
    click.mockRestore();
    vi.unstubAllGlobals();
  });

  it("shows allocation progress, resize and start-task banners, the heatmap summary, and resizes", async () => {
    let resized: unknown;
    const api = fakeApi({
      [`GET ${P}`]: () => pool,
      [`GET ${P}/nodes`]: () => ({
        items: [node("n1", "idle"), node("n2", "running"), node("n3", "starttaskfailed")],
      }),
      [`POST ${P}/resize`]: ({ body }) => {
        resized = body;
        return undefined;
      },
    });
    const { container } = renderPage({
      api,
      pattern: "/a/:account/pools/:pool",
      url: "/a/acct/pools/render",
      element: <PoolPage />,
    });
    expect(await screen.findByText("Resize error: AccountCoreQuotaReached")).toBeTruthy();
    expect(screen.getByRole("button", { name: "See quotas" })).toBeTruthy();
    expect(screen.getByRole("progressbar", { name: /Allocation/ })).toBeTruthy();
    expect(screen.getByText("3 of 4 nodes allocated")).toBeTruthy();
    expect(await screen.findByText("The start task failed on 1 node")).toBeTruthy();
    expect(
      screen.getByRole("img", { name: /Node heatmap\. 3 nodes: 1 idle, 1 running, 1 starttaskfailed\./ }),
    ).toBeTruthy();
    expect(screen.getByRole("link", { name: "n3" }).getAttribute("href")).toBe(
      "/a/acct/pools/render/nodes/n3",
    );
    expect(await axeViolations(container)).toEqual([]);

    await userEvent.click(screen.getByRole("button", { name: "Resize" }));
    const dialog = await screen.findByRole("dialog");
    const dedicated = screen.getByRole("spinbutton", { name: "Dedicated nodes" });
    await userEvent.clear(dedicated);
    await userEvent.type(dedicated, "2000{Enter}");
    expect(await screen.findByText(/at least PT30M for 2000 nodes/)).toBeTruthy();
    await userEvent.click(screen.getAllByRole("button", { name: "Resize" }).at(-1)!);
    await waitFor(() => expect(resized).toEqual({ dedicated: 2000, spot: 0, resizeTimeout: "PT15M" }));
    expect(dialog).toBeTruthy();
  });

  it("resize: the timeout fix is one click, a bad timeout blocks, and a quota overrun offers the most nodes that fit", async () => {
    let resized: unknown;
    const quotas = {
      dedicatedCoreQuota: 100,
      lowPriorityCoreQuota: 10,
      dedicatedCoreQuotaPerVmFamilyEnforced: true,
      dedicatedCoreQuotaPerVmFamily: [{ family: "standardDSv3Family", coreQuota: 40 }],
    };
    const account = {
      id: "acct",
      name: "acct",
      subscriptionId: "s1",
      resourceGroup: "rg",
      location: "westeurope",
      endpoint: "acct.batch",
      quotas,
    };
    const api = fakeApi({
      [`GET ${P}`]: () => ({
        ...pool,
        allocationState: "steady",
        currentDedicatedNodes: 4,
        resizeErrors: [],
      }),
      [`GET ${P}/nodes`]: () => ({ items: [] }),
      "GET /api/accounts": () => ({ subscriptions: [{ subscriptionId: "s1", accounts: [account] }] }),
      // Another pool of the family already targets 5 × 4 = 20 of the 40 family cores.
      "GET /api/accounts/acct/pools": () => ({
        items: [
          { ...pool, resizeErrors: [] },
          {
            ...pool,
            id: "other",
            vmSize: "standard_d4s_v3",
            targetDedicatedNodes: 5,
            currentDedicatedNodes: 5,
            resizeErrors: [],
          },
        ],
      }),
      "GET /api/accounts/acct/catalog/vm-sizes": () => ({
        items: [
          {
            name: "Standard_D2s_v3",
            family: "standardDSv3Family",
            vCpus: 2,
            memoryGiB: 8,
            gpus: 0,
            rdma: false,
            lowPriorityCapable: true,
          },
          {
            name: "Standard_D4s_v3",
            family: "standardDSv3Family",
            vCpus: 4,
            memoryGiB: 16,
            gpus: 0,
            rdma: false,
            lowPriorityCapable: true,
          },
        ],
        perFamilyEnforced: true,
      }),
      [`POST ${P}/resize`]: ({ body }) => {
        resized = body;
        return undefined;
      },
    });
    const { baseElement } = renderPage({
      api,
      pattern: "/a/:account/pools/:pool",
      url: "/a/acct/pools/render",
      element: <PoolPage />,
    });
    await userEvent.click(await screen.findByRole("button", { name: "Resize" }));
    const dialog = await screen.findByRole("dialog");
    const dedicated = screen.getByRole("spinbutton", { name: "Dedicated nodes" });
    await userEvent.clear(dedicated);
    await userEvent.type(dedicated, "2000{Enter}");

    await userEvent.click(await screen.findByRole("button", { name: "Set resize timeout to PT30M" }));
    const timeout = screen.getByRole("textbox", { name: /Resize timeout/ });
    expect((timeout as HTMLInputElement).value).toBe("PT30M");

    expect(
      await screen.findByText(/2000 dedicated nodes need 4000 standardDSv3Family cores; 20 are left/),
    ).toBeTruthy();
    expect(await axeViolations(baseElement)).toEqual([]);
    await userEvent.click(screen.getByRole("button", { name: "Use 10 dedicated nodes" }));
    expect((dedicated as HTMLInputElement).value).toBe("10");
    expect(screen.queryByText(/standardDSv3Family cores; 20 are left/)).toBeNull();

    await userEvent.clear(timeout);
    await userEvent.type(timeout, "PT2M");
    expect(screen.getByText(/at least 5 minutes/)).toBeTruthy();
    const submit = screen.getAllByRole("button", { name: "Resize" }).at(-1)!;
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    await userEvent.clear(timeout);
    await userEvent.type(timeout, "PT20M");
    await userEvent.click(submit);
    await waitFor(() => expect(resized).toEqual({ dedicated: 10, spot: 0, resizeTimeout: "PT20M" }));
    expect(dialog).toBeTruthy();
  });

  it("computes allocation progress only while nodes are missing", () => {
    expect(
      allocationProgress({ ...pool, allocationState: "steady", currentDedicatedNodes: 4 }),
    ).toBeUndefined();
    expect(allocationProgress(pool)).toEqual({ value: 0.75, label: "3 of 4 nodes allocated" });
  });
});

describe("PoolPage: editing the start task in place", () => {
  const withStartTask: PoolDetails = {
    ...pool,
    allocationState: "steady",
    currentDedicatedNodes: 4,
    resizeErrors: [],
    nodeAgentSkuId: "batch.node.ubuntu 22.04",
    startTaskCommandLine: "/bin/sh -c 'exit 2'",
    startTask: {
      commandLine: "/bin/sh -c 'exit 2'",
      elevated: false,
      waitForSuccess: true,
      maxRetries: 0,
      env: [{ name: "MODE", value: "fast" }],
      resourceFileCount: 1,
    },
  };

  it("a pool without a start task offers to add one", async () => {
    const api = fakeApi({
      [`GET ${P}`]: () => ({ ...pool, allocationState: "steady", currentDedicatedNodes: 4, resizeErrors: [] }),
      [`GET ${P}/nodes`]: () => ({ items: [] }),
    });
    renderPage({ api, pattern: "/a/:account/pools/:pool", url: "/a/acct/pools/render", element: <PoolPage /> });
    await userEvent.click(await screen.findByRole("button", { name: "Add start task" }));
    const dialog = await findDialog("Add a start task to render");
    expect((within(dialog).getByRole("textbox", { name: /Command line/ }) as HTMLTextAreaElement).value).toBe("");
  });

  it("opens from the failure banner prefilled, validates inline, saves with PUT and offers to reboot the failed nodes", async () => {
    let saved: unknown;
    const rebooted: string[] = [];
    const api = fakeApi({
      [`GET ${P}`]: () => withStartTask,
      [`GET ${P}/nodes`]: () => ({ items: [node("n1", "idle"), node("n2", "starttaskfailed"), node("n3", "starttaskfailed")] }),
      [`PUT ${P}/start-task`]: ({ body }) => {
        saved = body;
        const { startTask } = body as { startTask: { commandLine: string } };
        return { ...withStartTask, startTaskCommandLine: startTask.commandLine, startTask: { ...withStartTask.startTask!, commandLine: startTask.commandLine } };
      },
      [`POST ${P}/nodes/n2/reboot`]: () => (rebooted.push("n2"), undefined),
      [`POST ${P}/nodes/n3/reboot`]: () => (rebooted.push("n3"), undefined),
    });
    const { baseElement } = renderPage({ api, pattern: "/a/:account/pools/:pool", url: "/a/acct/pools/render", element: <PoolPage /> });
    expect(await screen.findByText("The start task failed on 2 nodes")).toBeTruthy();
    // The banner no longer sends the operator to the wizard to create a new pool.
    expect(screen.queryByRole("button", { name: /clone pool/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Clone" })).toBeTruthy();
    const banner = screen.getByText("The start task failed on 2 nodes").closest("[role=group], .fui-MessageBar") as HTMLElement;
    await userEvent.click(within(banner).getByRole("button", { name: "Edit start task" }));

    const dialog = await findDialog("Edit the start task of render");
    const commandLine = within(dialog).getByRole("textbox", { name: /Command line/ });
    expect((commandLine as HTMLTextAreaElement).value).toBe("/bin/sh -c 'exit 2'");
    expect((within(dialog).getByRole("textbox", { name: "Variable 1 value" }) as HTMLInputElement).value).toBe("fast");
    expect(within(dialog).getByText(/1 resource file cannot be edited here and is kept as it is/)).toBeTruthy();
    expect(within(dialog).getByText(/Removing a start task is not offered here/)).toBeTruthy();
    expect(await axeViolations(baseElement)).toEqual([]);

    // The shared rules, inline: an empty command line blocks saving, at its field.
    await userEvent.clear(commandLine);
    expect(await within(dialog).findByText("start task command line is required")).toBeTruthy();
    const save = within(dialog).getByRole("button", { name: "Save start task" });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    // A warning-level rule with its one-click fix.
    await userEvent.click(await within(dialog).findByRole("switch", { name: /Wait for success/ }));
    await userEvent.click(await findButtonIn(dialog, "Wait for the start task to succeed"));
    expect((within(dialog).getByRole("switch", { name: /Wait for success/ }) as HTMLInputElement).checked).toBe(true);

    await userEvent.type(commandLine, "/bin/sh -c 'apt-get install -y jq'");
    await userEvent.click(await within(dialog).findByRole("switch", { name: /administrator/ }));
    await userEvent.click(save);
    await waitFor(() =>
      expect(saved).toEqual({
        startTask: {
          commandLine: "/bin/sh -c 'apt-get install -y jq'",
          elevated: true,
          waitForSuccess: true,
          maxRetries: 0,
          env: [{ name: "MODE", value: "fast" }],
        },
      }),
    );
    expect(await screen.findByText("Start task saved", { selector: ".fui-ToastTitle" })).toBeTruthy();
    const offer = await findDialog("Start task saved");
    expect(await axeViolations(baseElement)).toEqual([]);
    await userEvent.click(within(offer).getByRole("button", { name: "Reboot 2 failed nodes" }));
    await waitFor(() => expect(rebooted.sort()).toEqual(["n2", "n3"]));
    expect(await screen.findByText("Rebooting 2 nodes")).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("opens on arrival with ?edit=startTask, asks again for a registry password, and shows the BFF's field issues", async () => {
    const containerTask: PoolDetails = {
      ...withStartTask,
      startTask: {
        ...withStartTask.startTask!,
        resourceFileCount: 0,
        containerSettings: {
          imageName: "myacr.azurecr.io/tools/setup:1",
          runOptions: "",
          workingDirectory: "taskWorkingDirectory",
          registry: { server: "myacr.azurecr.io", username: "puller" },
        },
      },
    };
    let saved: unknown;
    const api = fakeApi({
      [`GET ${P}`]: () => containerTask,
      [`GET ${P}/nodes`]: () => ({ items: [node("n1", "idle")] }),
      [`PUT ${P}/start-task`]: ({ body }) => {
        saved = body;
        throw problem(400, "The start task has problems to fix before it can be saved", {
          issues: [{ path: ["startTask", "containerSettings", "imageName"], level: "error", code: "startTask.imageReference", message: "No such image in myacr.azurecr.io." }],
        });
      },
    });
    const { history } = renderPage({ api, pattern: "/a/:account/pools/:pool", url: "/a/acct/pools/render?edit=startTask", element: <PoolPage /> });
    const dialog = await findDialog("Edit the start task of render");
    const image = within(dialog).getByRole("textbox", { name: /Container image/ });
    expect((image as HTMLInputElement).value).toBe("myacr.azurecr.io/tools/setup:1");
    const password = within(dialog).getByLabelText(/Password for puller@myacr\.azurecr\.io/);
    await userEvent.click(await findButtonIn(dialog, "Save start task"));
    expect(await within(dialog).findByText("password is required")).toBeTruthy();
    expect(saved).toBeUndefined();

    await userEvent.type(password, "s3cret");
    await userEvent.click(await findButtonIn(dialog, "Save start task"));
    await waitFor(() =>
      expect(saved).toMatchObject({
        startTask: {
          containerSettings: {
            imageName: "myacr.azurecr.io/tools/setup:1",
            registry: { server: "myacr.azurecr.io", auth: { kind: "password", username: "puller", password: "s3cret" } },
          },
        },
      }),
    );
    expect(await within(dialog).findByText("No such image in myacr.azurecr.io.")).toBeTruthy();

    await userEvent.click(await findButtonIn(dialog, "Cancel"));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    // Closing drops ?edit=, so a reload does not reopen the dialog.
    expect(history.location.search).toBe("");
  });
});
