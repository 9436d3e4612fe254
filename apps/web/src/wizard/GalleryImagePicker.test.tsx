import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import type { PoolSpecInput } from "@batch-studio/shared";
import PoolWizardPage from "./PoolWizardPage";
import { choicesFromImageId } from "./GalleryImagePicker";
import { fakeApi } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { axeViolations } from "../test/axe";

const A = "/api/accounts/acct";
const SUB = "sub-1";
const DEF_ID = `/subscriptions/${SUB}/resourceGroups/rg-img/providers/Microsoft.Compute/galleries/contosoImages/images/ubuntu-batch`;
const galleryPool: PoolSpecInput = {
  id: "from-gallery",
  vmSize: "Standard_D2s_v3",
  image: { kind: "gallery", imageId: `${DEF_ID}/versions/1.0.0` },
  nodeAgentSkuId: "batch.node.ubuntu 20.04",
  container: { prefetchImages: [], registries: [] },
};

describe("choicesFromImageId", () => {
  it("reads subscription, gallery, definition and version from an id; a definition id means latest", () => {
    expect(choicesFromImageId(`${DEF_ID}/versions/1.0.0`)).toEqual({
      subscription: SUB,
      gallery: { name: "contosoImages", resourceGroup: "rg-img" },
      definition: "ubuntu-batch",
      version: "1.0.0",
    });
    expect(choicesFromImageId(DEF_ID)?.version).not.toBe("1.0.0");
    expect(choicesFromImageId("not an id")).toBeUndefined();
    expect(choicesFromImageId(undefined)).toBeUndefined();
  });
});

describe("GalleryImagePicker", () => {
  it("shows the chosen gallery, definition and version when the Image step opens on a gallery image", async () => {
    const G = `/api/subscriptions/${SUB}/galleries/rg-img/contosoImages`;
    const api = fakeApi({
      "GET /api/accounts": () => ({ subscriptions: [{ subscriptionId: SUB, displayName: "Contoso Research", accounts: [] }] }),
      [`GET ${A}/pools/from-gallery/spec`]: () => ({ spec: galleryPool, reentry: [], ignored: [] }),
      [`GET ${A}/catalog/images`]: () => ({ items: [] }),
      [`GET /api/subscriptions/${SUB}/galleries`]: () => ({
        items: [{ id: "/g", name: "contosoImages", resourceGroup: "rg-img", location: "westeurope" }],
      }),
      [`GET ${G}/images`]: () => ({
        items: [{ id: DEF_ID, name: "ubuntu-batch", location: "westeurope", osType: "linux", osState: "Generalized" }],
      }),
      [`GET ${G}/images/ubuntu-batch/versions`]: () => ({
        items: [{ id: `${DEF_ID}/versions/1.0.0`, name: "1.0.0", location: "westeurope", replication: [{ region: "West Europe", replicaCount: 2 }] }],
      }),
      [`POST ${A}/validate/pool`]: () => ({ ok: true, issues: [], facts: {} }),
    });
    const { container } = renderPage({ api, pattern: "/a/:account/pools/new", url: "/a/acct/pools/new?clone=from-gallery&step=image", element: <PoolWizardPage /> });
    const galleryBox = await screen.findByRole("combobox", { name: "Gallery" }, { timeout: 5000 });
    await waitFor(() => expect(galleryBox.textContent).toBe("contosoImages"));
    expect(screen.getByRole("combobox", { name: "Image definition" }).textContent).toBe("ubuntu-batch");
    expect(screen.getByRole("combobox", { name: "Version" }).textContent).toBe("1.0.0");
    expect(await screen.findByText("Generalized")).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });

  it("'latest' shows the replication of the version Batch will use, not the last one listed", async () => {
    const G = `/api/subscriptions/${SUB}/galleries/rg-img/contosoImages`;
    const api = fakeApi({
      "GET /api/accounts": () => ({ subscriptions: [{ subscriptionId: SUB, displayName: "Contoso Research", accounts: [] }] }),
      [`GET ${A}/pools/from-gallery/spec`]: () => ({ spec: { ...galleryPool, image: { kind: "gallery", imageId: DEF_ID } }, reentry: [], ignored: [] }),
      [`GET ${A}/catalog/images`]: () => ({ items: [] }),
      [`GET /api/subscriptions/${SUB}/galleries`]: () => ({ items: [{ id: "/g", name: "contosoImages", resourceGroup: "rg-img", location: "westeurope" }] }),
      [`GET ${G}/images`]: () => ({ items: [{ id: DEF_ID, name: "ubuntu-batch", location: "westeurope", osType: "linux", osState: "Generalized" }] }),
      // ARM lists 2.0.0 last, but it is excluded from "latest": Batch takes 1.5.0.
      [`GET ${G}/images/ubuntu-batch/versions`]: () => ({
        items: [
          { id: `${DEF_ID}/versions/1.5.0`, name: "1.5.0", location: "westeurope", replication: [{ region: "West Europe", replicaCount: 3 }] },
          { id: `${DEF_ID}/versions/2.0.0`, name: "2.0.0", location: "westeurope", excludeFromLatest: true, replication: [{ region: "North Europe", replicaCount: 1 }] },
        ],
      }),
      [`POST ${A}/validate/pool`]: () => ({ ok: true, issues: [], facts: {} }),
    });
    renderPage({ api, pattern: "/a/:account/pools/new", url: "/a/acct/pools/new?clone=from-gallery&step=image", element: <PoolWizardPage /> });
    const table = await screen.findByRole("table", { name: "Replication per region" }, { timeout: 5000 });
    expect(table.textContent).toContain("West Europe");
    expect(table.textContent).not.toContain("North Europe");
  });
});
