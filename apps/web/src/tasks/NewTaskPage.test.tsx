import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ImageInspection, PoolDetails, TaskSpec } from "@batch-studio/shared";
import NewTaskPage from "./NewTaskPage";
import { fakeApi } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { axeViolations } from "../test/axe";

const A = "/api/accounts/acct";
const IMAGE = "127.0.0.1:5000/lab/entrypoint:1";
const pool: PoolDetails = {
  id: "p1",
  vmSize: "standard_d2s_v3",
  state: "active",
  allocationState: "steady",
  currentDedicatedNodes: 1,
  currentSpotNodes: 0,
  targetDedicatedNodes: 1,
  targetSpotNodes: 0,
  isContainerPool: true,
  resizeErrors: [],
  prefetchImages: [IMAGE],
  registries: [{ server: "127.0.0.1:5000", username: "lab" }],
};

describe("NewTaskPage", () => {
  it("suggests the pool's images, shows the image's ENTRYPOINT and WORKDIR, and adds a task that runs it", async () => {
    let added: TaskSpec | undefined;
    const inspection: ImageInspection = { reference: IMAGE, status: "found", entrypoint: ["/bin/greet"], cmd: ["--loud"], workingDir: "/app" };
    const api = fakeApi({
      [`GET ${A}/jobs/j1`]: () => ({ id: "j1", state: "active", poolId: "p1" }),
      [`GET ${A}/pools/p1`]: () => pool,
      "POST /api/registry/inspect": () => inspection,
      [`POST ${A}/jobs/j1/tasks`]: ({ body }) => {
        added = body as TaskSpec;
        return { ...(body as object), state: "active", env: [] };
      },
    });
    const { container } = renderPage({
      api,
      pattern: "/a/:account/jobs/:job/tasks/new",
      url: "/a/acct/jobs/j1/tasks/new",
      element: <NewTaskPage />,
      extraRoutes: [{ path: "/a/:account/jobs/:job/tasks/:task", element: <p>task page</p> }],
    });
    await userEvent.type(await screen.findByRole("textbox", { name: /Task id/ }), "greet-1");
    await userEvent.click(screen.getByRole("combobox", { name: /Container image/ }));
    await userEvent.click(await screen.findByRole("option", { name: IMAGE }));
    expect(await screen.findByText(/ENTRYPOINT \/bin\/greet · CMD --loud · WORKDIR \/app/)).toBeTruthy();
    await userEvent.click(screen.getByRole("switch", { name: /Use the image ENTRYPOINT/ }));
    expect(screen.queryByRole("textbox", { name: /Command line/ })).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
    await waitFor(() => expect(screen.getByRole("button", { name: "Add task" }).hasAttribute("disabled")).toBe(false));
    await userEvent.click(screen.getByRole("button", { name: "Add task" }));
    await waitFor(() => expect(added).toBeDefined());
    expect(added).toMatchObject({ id: "greet-1", commandLine: "", containerSettings: { imageName: IMAGE } });
    expect(await screen.findByText("task page")).toBeTruthy();
  });
});
