import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { NodeDetails, PoolDetails } from "@batch-studio/shared";
import NodePage from "./NodePage";
import PoolPage from "../pools/PoolPage";
import { poolDetails } from "../test/fixtures";
import { fakeApi } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { findDialog } from "../test/dialogs";
import { axeViolations } from "../test/axe";

const P = "/api/accounts/acct/pools/render";
const failedNode: NodeDetails = {
  id: "n3",
  state: "starttaskfailed",
  errors: [],
  recentTasks: [],
  startTask: { state: "completed", exitCode: 2, failureMessage: "The start task exited with code 2" },
};
const pool: PoolDetails = poolDetails({
  id: "render",
  startTaskCommandLine: "/bin/sh -c 'exit 2'",
  startTask: { commandLine: "/bin/sh -c 'exit 2'", elevated: false, waitForSuccess: true, maxRetries: 0, env: [], resourceFileCount: 0 },
});

describe("NodePage", () => {
  it("sends a failed start task to the pool's start task dialog, not to a clone of the pool", async () => {
    const api = fakeApi({
      [`GET ${P}/nodes/n3`]: () => failedNode,
      [`GET ${P}/nodes/n3/files`]: () => ({ items: [] }),
      [`GET ${P}`]: () => pool,
      [`GET ${P}/nodes`]: () => ({ items: [failedNode] }),
    });
    const { container, history } = renderPage({
      api,
      pattern: "/a/:account/pools/:pool/nodes/:node",
      url: "/a/acct/pools/render/nodes/n3",
      element: <NodePage />,
      extraRoutes: [{ path: "/a/:account/pools/:pool", element: <PoolPage /> }],
    });
    expect(await screen.findByText("Start task failed")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /clone/i })).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.click(screen.getByRole("button", { name: "Edit start task" }));
    expect(history.location.pathname + history.location.search).toBe("/a/acct/pools/render?edit=startTask");
    const dialog = await findDialog("Edit the start task of render");
    expect((within(dialog).getByRole("textbox", { name: /Command line/ }) as HTMLTextAreaElement).value).toBe("/bin/sh -c 'exit 2'");
  });
});
