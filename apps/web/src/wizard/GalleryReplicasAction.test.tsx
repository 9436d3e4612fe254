import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type {
  GalleryImageVersionInfo,
  PoolSpecInput,
  ValidationResponse,
  VmSizesResponse,
} from "@batch-studio/shared";
import PoolWizardPage from "./PoolWizardPage";
import { describeReplicaChange } from "./GalleryReplicasAction";
import { fakeApi, problem } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { axeViolations } from "../test/axe";

const A = "/api/accounts/acct";
const VERSION_ID =
  "/subscriptions/sub1/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contosoImages/images/ubuntu2004-batch-container/versions/1.1.0";
const REPLICAS =
  "/api/subscriptions/sub1/galleries/rg-images/contosoImages/images/ubuntu2004-batch-container/versions/1.1.0/replicas";
const vmSizes: VmSizesResponse = {
  items: [
    {
      name: "Standard_D2s_v3",
      family: "standardDSv3Family",
      vCpus: 2,
      memoryGiB: 8,
      gpus: 0,
      rdma: false,
      lowPriorityCapable: true,
      familyCoreQuota: 5000,
    },
  ],
  perFamilyEnforced: true,
};
const galleryPool: PoolSpecInput = {
  id: "big",
  vmSize: "Standard_D2s_v3",
  image: { kind: "gallery", imageId: VERSION_ID },
  nodeAgentSkuId: "batch.node.ubuntu 20.04",
  container: { prefetchImages: [], registries: [] },
  scale: { dedicated: 2000, spot: 0, resizeTimeout: "PT30M" },
};
const version = (count: number, state = "Succeeded"): GalleryImageVersionInfo => ({
  id: VERSION_ID,
  name: "1.1.0",
  location: "westeurope",
  osType: "linux",
  osState: "Generalized",
  state,
  replication: [{ region: "West Europe", replicaCount: count }],
});

/** A BFF whose gallery version has `replicas.count` replicas in West Europe; the replicas route sets it. */
function galleryBff(
  setReplicas: (body: { region: string; replicaCount: number }) => GalleryImageVersionInfo,
) {
  const replicas = { count: 2 };
  const posts: unknown[] = [];
  const api = fakeApi({
    "GET /api/accounts": () => ({ subscriptions: [] }),
    [`GET ${A}/pools/big/spec`]: () => ({ spec: galleryPool, reentry: [], ignored: [] }),
    [`GET ${A}/catalog/vm-sizes`]: () => vmSizes,
    [`POST ${A}/validate/pool`]: (): ValidationResponse => ({
      ok: true,
      issues: [],
      facts: {
        accountRegion: "westeurope",
        galleryImage: {
          imageId: VERSION_ID,
          versionId: VERSION_ID,
          exists: true,
          osType: "linux",
          osState: "Generalized",
          replicas: [{ region: "West Europe", count: replicas.count }],
        },
      },
    }),
    [`POST ${REPLICAS}`]: ({ body }) => {
      posts.push(body);
      const answer = setReplicas(body as { region: string; replicaCount: number });
      replicas.count = answer.replication[0]!.replicaCount;
      return answer;
    },
  });
  return { api, posts };
}

const page = (api: ReturnType<typeof fakeApi>) =>
  renderPage({
    api,
    pattern: "/a/:account/pools/new",
    url: "/a/acct/pools/new?clone=big&step=size",
    element: <PoolWizardPage />,
  });

/*
 * In jsdom, Tabster's modalizer sometimes marks the open dialog aria-hidden (it never does in
 * Chromium: the e2e journey finds it by role), so the dialog is looked up including hidden ones.
 */
const findDialog = () => screen.findByRole("dialog", { hidden: true });
const inDialog = (dialog: HTMLElement, name: string) =>
  within(dialog).getByRole("button", { name, hidden: true });

const ADVICE = /A pool of 2000 nodes wants at least 7 replicas of the image in westeurope/;

describe("the gallery replica action", () => {
  it("asks first, names what changes in Azure, sets the replicas, and the advice goes after the re-check", async () => {
    const { api, posts } = galleryBff(({ replicaCount }) => version(replicaCount));
    const { container } = page(api);
    expect(await screen.findByText(ADVICE)).toBeTruthy();
    const button = screen.getByRole("button", { name: "Set 7 replicas in westeurope" });

    // Cancel changes nothing.
    await userEvent.click(button);
    let dialog = await findDialog();
    expect(
      within(dialog).getByText("Set West Europe replicas of ubuntu2004-batch-container 1.1.0 from 2 to 7."),
    ).toBeTruthy();
    expect(
      within(dialog).getByText(
        /replication takes minutes, and each replica is billed as storage in West Europe/,
      ),
    ).toBeTruthy();
    await userEvent.click(inDialog(dialog, "Cancel"));
    await waitFor(() => expect(screen.queryByText(/from 2 to 7\./)).toBeNull());
    expect(posts).toEqual([]);

    await userEvent.click(button);
    dialog = await findDialog();
    await userEvent.click(inDialog(dialog, "Set replicas"));
    await waitFor(() => expect(posts).toEqual([{ region: "westeurope", replicaCount: 7 }]));
    expect(await screen.findByText("Replicas set")).toBeTruthy();
    expect(screen.getByText("West Europe: 7 replicas of ubuntu2004-batch-container 1.1.0.")).toBeTruthy();
    // The live checks run again for the unchanged spec and learn the new count.
    await waitFor(() => expect(screen.queryByText(ADVICE)).toBeNull());
    expect(api.calls.filter((c) => c === `POST ${A}/validate/pool`).length).toBeGreaterThanOrEqual(2);
    expect(screen.queryByRole("button", { name: "Set 7 replicas in westeurope" })).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });

  it("shows progress on the button while Azure works, and a refusal as an error toast (the advice stays)", async () => {
    let refuse!: (e: unknown) => void;
    const { api, posts } = galleryBff(() => {
      throw new Error("unused");
    });
    // Answer the POST only when the test says so, with a 403 problem.
    const held = new Promise<never>((_, reject) => (refuse = reject));
    const original = api.json.bind(api);
    api.json = (async (path: string, init?: Parameters<typeof api.json>[1]) => {
      if (path === REPLICAS) {
        posts.push(init?.body);
        return held;
      }
      return original(path, init);
    }) as typeof api.json;
    page(api);
    await userEvent.click(
      await screen.findByRole("button", { name: "Set 7 replicas in westeurope" }),
    );
    await userEvent.click(inDialog(await findDialog(), "Set replicas"));
    const busy = await screen.findByRole("button", { name: /Setting replicas in Azure…/ });
    expect(busy.hasAttribute("disabled")).toBe(true);
    refuse(
      problem(
        403,
        "You may not change the replicas of ubuntu2004-batch-container 1.1.0: setting them needs write access to the gallery",
        { code: "AuthorizationFailed" },
      ),
    );
    expect(await screen.findByText("Replicas not changed")).toBeTruthy();
    expect(screen.getAllByText(/You may not change the replicas/).length).toBeGreaterThan(0);
    expect(await screen.findByRole("button", { name: "Set 7 replicas in westeurope" })).toBeTruthy();
    expect(screen.getByText(ADVICE)).toBeTruthy();
    expect(posts).toHaveLength(1);
  });
});

describe("describeReplicaChange", () => {
  const action = {
    kind: "setGalleryReplicas" as const,
    label: "",
    versionId: VERSION_ID,
    region: "westeurope",
    replicaCount: 3,
    currentCount: 0,
  };
  it("says 'add' for a region that is not a target yet, and uses ARM's display name when one is known", () => {
    expect(describeReplicaChange(action).sentence).toBe(
      "Add westeurope to ubuntu2004-batch-container 1.1.0 with 3 replicas",
    );
    expect(describeReplicaChange({ ...action, currentCount: 1 }, ["East US", "West Europe"]).sentence).toBe(
      "Set West Europe replicas of ubuntu2004-batch-container 1.1.0 from 1 to 3",
    );
  });
});
