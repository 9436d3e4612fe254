import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import JobPage from "./JobPage";
import { fakeApi } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";

const A = "/api/accounts/acct";
const J = `${A}/jobs/j1`;
const block = { active: 0, running: 0, completed: 1, succeeded: 0, failed: 1 };
const WRITE = { action: "Microsoft.Batch/batchAccounts/jobs/write", kind: "dataAction" } as const;
const DELETE = { action: "Microsoft.Batch/batchAccounts/jobs/delete", kind: "dataAction" } as const;

/** A reader's answer: every job write refused with the permission it lacks. */
const readerPermissions = () => ({
  blocks: [{ actions: ["*/read"], notActions: [], dataActions: ["Microsoft.Batch/batchAccounts/jobs/read"], notDataActions: [] }],
  refused: {
    addTask: [WRITE], addTasks: [WRITE], updateJob: [WRITE], createJob: [WRITE], reactivateTask: [WRITE],
    terminateJob: [WRITE], disableJob: [WRITE], enableJob: [WRITE], deleteJob: [DELETE],
  },
});

describe("the job page for someone who may only read", () => {
  it("keeps every write visible but disabled, each naming the permission it lacks", async () => {
    const api = fakeApi({
      [`GET ${A}/permissions`]: readerPermissions,
      [`GET ${J}`]: () => ({ id: "j1", state: "active", poolId: "p1" }),
      [`GET ${J}/task-counts`]: () => ({ tasks: block, slots: block }),
      [`GET ${J}/tasks`]: () => ({ items: [{ id: "t1", state: "completed", commandLine: "false", exitCode: 1, result: "failure" }] }),
    });
    renderPage({ api, pattern: "/a/:account/jobs/:job", url: "/a/acct/jobs/j1", element: <JobPage /> });
    // The disabled button says why once its tooltip code is in (it loads when a gate first closes).
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Add container task" }).getAttribute("aria-description")).toMatch(
        /Microsoft\.Batch\/batchAccounts\/jobs\/write \(a data action\)/,
      ),
    );
    expect(screen.getByRole("button", { name: "Add container task" }).getAttribute("aria-disabled")).toBe("true");
    for (const name of ["Add many tasks", "Edit", "Clone", "Rerun 1 failed", "Disable", "Terminate", "Delete"])
      expect(screen.getByRole("button", { name }).getAttribute("aria-disabled"), name).toBe("true");
    expect(screen.getByText(/Delete: You do not have Microsoft\.Batch\/batchAccounts\/jobs\/delete/)).toBeTruthy();
    // Disabled means nothing happens, not a dialog that fails later.
    await userEvent.click(screen.getByRole("button", { name: "Terminate" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(api.calls.filter((c) => c.startsWith("POST"))).toEqual([]);
  });
});
