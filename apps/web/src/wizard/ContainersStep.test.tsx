import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { PoolSpecInput, RegistryTestRequest, ValidationResponse } from "@batch-studio/shared";
import PoolWizardPage from "./PoolWizardPage";
import { fakeApi } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";

const A = "/api/accounts/acct";
const clone = (container: PoolSpecInput["container"]): PoolSpecInput => ({
  id: "src",
  vmSize: "Standard_D2s_v3",
  image: { kind: "marketplace", publisher: "microsoft-dsvm", offer: "ubuntu-hpc", sku: "2204", version: "latest" },
  nodeAgentSkuId: "batch.node.ubuntu 22.04",
  container,
  scale: { dedicated: 1, spot: 0, resizeTimeout: "PT15M" },
});

const openContainersStep = (spec: PoolSpecInput, extra: Parameters<typeof fakeApi>[0] = {}) => {
  const api = fakeApi({
    "GET /api/accounts": () => ({ subscriptions: [] }),
    [`GET ${A}/pools/src/spec`]: () => ({ spec, reentry: [], ignored: [] }),
    [`POST ${A}/validate/pool`]: (): ValidationResponse => ({ ok: true, facts: {}, issues: [] }),
    "POST /api/registry/inspect": ({ body }) => ({ reference: (body as { reference: string }).reference, status: "found" }),
    ...extra,
  });
  return renderPage({ api, pattern: "/a/:account/pools/new", url: "/a/acct/pools/new?clone=src&step=containers", element: <PoolWizardPage /> });
};

describe("ContainersStep", () => {
  it("matches an image to its registry as Batch does: Docker Hub's aliases are one host", async () => {
    openContainersStep(
      clone({ prefetchImages: ["acme/tool:1"], registries: [{ server: "index.docker.io", auth: { kind: "password", username: "acme", password: "pw" } }] }),
    );
    expect(await screen.findByText("via index.docker.io")).toBeTruthy();
  });

  it("a connection result is dropped once the login it tested changes", async () => {
    const tested: RegistryTestRequest[] = [];
    openContainersStep(
      clone({ prefetchImages: [], registries: [{ server: "contoso.azurecr.io", auth: { kind: "password", username: "puller", password: "right" } }] }),
      {
        "POST /api/registry/test": ({ body }) => {
          tested.push(body as RegistryTestRequest);
          return { server: "contoso.azurecr.io", status: "ok" };
        },
      },
    );
    await userEvent.click(await screen.findByRole("button", { name: "Test connection" }));
    expect(await screen.findByText("Connected")).toBeTruthy();
    expect(tested).toEqual([{ server: "contoso.azurecr.io", username: "puller", password: "right" }]);
    await userEvent.type(screen.getByLabelText("Password", { selector: "input" }), "-typo");
    await waitFor(() => expect(screen.queryByText("Connected")).toBeNull());
  });
});
