import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { JobSummary, TaskSummary } from "@batch-studio/shared";
import JobPage from "./JobPage";
import { fakeApi, problem, type Handler } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { findButtonIn, findDialog } from "../test/dialogs";
import { axeViolations } from "../test/axe";

const J = "/api/accounts/acct/jobs/j1";
const block = (failed: number) => ({ active: 0, running: 1, completed: failed + 1, succeeded: 1, failed });
const task = (id: string, state: string, exitCode?: number): TaskSummary => ({
  id,
  state,
  commandLine: "echo hi",
  ...(exitCode === undefined ? {} : { exitCode, result: exitCode === 0 ? "success" : "failure" }),
});

function renderJob(job: JobSummary, handlers: Record<string, Handler>, failed = 0) {
  const api = fakeApi({
    [`GET ${J}`]: () => job,
    [`GET ${J}/task-counts`]: () => ({ tasks: block(failed), slots: block(failed) }),
    [`GET ${J}/tasks`]: () => ({
      items: [task("t1", "running"), task("t2", "running"), task("t3", "completed", 0)],
    }),
    ...handlers,
  });
  return {
    api,
    ...renderPage({
      api,
      pattern: "/a/:account/jobs/:job",
      url: "/a/acct/jobs/j1",
      element: <JobPage />,
      extraRoutes: [{ path: "/a/:account/jobs", element: <p>job list</p> }],
    }),
  };
}

const active: JobSummary = { id: "j1", state: "active", poolId: "p1" };

describe("job actions on the job page", () => {
  it("disables the job with the chosen treatment of running tasks, each option explained", async () => {
    const bodies: unknown[] = [];
    renderJob(active, { [`POST ${J}/disable`]: ({ body }) => void bodies.push(body) });
    expect(screen.queryByRole("button", { name: "Enable" })).toBeNull();
    await userEvent.click(await screen.findByRole("button", { name: "Disable" }));
    const dialog = await findDialog("Disable job j1?");
    const confirm = within(dialog).getByRole("button", { name: "Disable job" });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    const wait = within(dialog).getByRole("radio", { name: "Let running tasks finish" });
    expect(within(dialog).getByText(/the job is disabled once the last of them has completed/)).toBeTruthy();
    expect(
      within(dialog).getByText(/queued again; they run from the start when the job is enabled/),
    ).toBeTruthy();
    await userEvent.click(wait);
    await userEvent.click(confirm);
    await waitFor(() => expect(bodies).toEqual([{ disableTasks: "wait" }]));
    expect(await screen.findByText("Job disabling started")).toBeTruthy();
  });

  it("offers Enable for a disabled job, and Terminate and Delete say why they are unavailable for a completed one", async () => {
    let enabled = 0;
    const first = renderJob({ ...active, state: "disabled" }, { [`POST ${J}/enable`]: () => void enabled++ });
    await userEvent.click(await screen.findByRole("button", { name: "Enable" }));
    await userEvent.click(
      within(await screen.findByRole("dialog")).getByRole("button", { name: "Enable job" }),
    );
    await waitFor(() => expect(enabled).toBe(1));
    first.unmount();

    renderJob({ ...active, state: "completed" }, {});
    const terminate = await screen.findByRole("button", { name: "Terminate" });
    expect(terminate.getAttribute("aria-disabled")).toBe("true");
    expect(document.getElementById(terminate.getAttribute("aria-describedby")!)?.textContent).toBe(
      "Terminate: The job is completed.",
    );
    expect(screen.getByRole("button", { name: "Delete" }).getAttribute("aria-disabled")).toBeNull();
  });

  it("terminates with a reason", async () => {
    const sent: unknown[] = [];
    renderJob(active, { [`POST ${J}/terminate`]: ({ body }) => void sent.push(body) });
    await userEvent.click(await screen.findByRole("button", { name: "Terminate" }));
    const dialog = await findDialog("Terminate job j1?");
    await userEvent.type(within(dialog).getByRole("textbox", { name: /Reason/ }), "wrong input");
    await userEvent.click(await findButtonIn(dialog, "Terminate job"));
    await waitFor(() => expect(sent).toEqual([{ reason: "wrong input" }]));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  // A page of its own: two modal dialogs in a row within one render race Fluent's modalizer in jsdom.
  it("deletes and then goes to the job list", async () => {
    const sent: unknown[] = [];
    renderJob(active, { [`DELETE ${J}`]: () => void sent.push("deleted") });
    await userEvent.click(await screen.findByRole("button", { name: "Delete" }));
    const dialog = await findDialog("Delete job j1?");
    expect(within(dialog).getByText(/deletes the job with all its tasks/)).toBeTruthy();
    await userEvent.click(await findButtonIn(dialog, "Delete job"));
    expect(await screen.findByText("job list")).toBeTruthy();
    expect(sent).toEqual(["deleted"]);
  });

  it("shows per node how the preparation and release tasks ran, only for a job that has them", async () => {
    const { container, api } = renderJob(
      { ...active, hasPreparationTask: true, hasReleaseTask: true },
      {
        [`GET ${J}/preparation-release-status`]: () => ({
          items: [
            {
              poolId: "p1",
              nodeId: "tvm-1",
              preparation: { state: "completed", exitCode: 0, result: "success" },
            },
            {
              poolId: "p1",
              nodeId: "tvm-2",
              preparation: {
                state: "completed",
                exitCode: 2,
                result: "failure",
                failure: { code: "FailureExitCode" },
              },
            },
          ],
        }),
      },
    );
    const table = await screen.findByRole("table", { name: "Preparation and release per node" });
    const row = within(table).getByRole("link", { name: "tvm-2" }).closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText("failed")).toBeTruthy();
    expect(row.textContent).toContain("exit 2 · FailureExitCode");
    expect(within(table).getAllByText("when the job ends")).toHaveLength(2);
    expect(await axeViolations(container)).toEqual([]);
    expect(api.calls.filter((c) => c.includes("preparation-release-status"))).toHaveLength(1);
  });

  it("does not ask for preparation and release status of a job without those tasks", async () => {
    const { api } = renderJob(active, {});
    await screen.findByRole("link", { name: "t1" });
    expect(screen.queryByRole("heading", { name: "Preparation and release" })).toBeNull();
    expect(api.calls.some((c) => c.includes("preparation-release-status"))).toBe(false);
  });
});

describe("bulk task actions", () => {
  it("terminates the ticked tasks with n of N and lists each task's error", async () => {
    const terminated: string[] = [];
    const { container } = renderJob(active, {
      [`POST ${J}/tasks/t1/terminate`]: () => void terminated.push("t1"),
      [`POST ${J}/tasks/t2/terminate`]: () => {
        throw problem(409, "Conflict", { detail: "TaskCompleted" });
      },
    });
    await userEvent.click(await screen.findByRole("checkbox", { name: "Select t1" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Select t2" }));
    const bar = screen.getByRole("region", { name: "Selected tasks" });
    expect(within(bar).getByText("2 selected.")).toBeTruthy();
    // Both run: Rerun applies to neither, and says so.
    const rerun = within(bar).getByRole("button", { name: "Rerun" });
    expect(rerun.getAttribute("aria-disabled")).toBe("true");
    expect(await axeViolations(container)).toEqual([]);

    await userEvent.click(within(bar).getByRole("button", { name: "Terminate" }));
    const dialog = await findDialog("Terminate 2 selected tasks?");
    await userEvent.click(await findButtonIn(dialog, "Terminate"));
    expect(await within(dialog).findByText("Terminate: 2 of 2")).toBeTruthy();
    expect(within(dialog).getByText("1 terminated.")).toBeTruthy();
    const errors = within(dialog).getByRole("list", { name: "Errors" });
    expect(errors.textContent).toBe("t2: Conflict: TaskCompleted");
    expect(terminated).toEqual(["t1"]);
  });

  it("selects every task that matches the filter, fetched page by page, and deletes them", async () => {
    const deleted: string[] = [];
    const deleteRoute: Handler = ({ url }) => void deleted.push(url.pathname.split("/").at(-1)!);
    renderJob(active, {
      [`GET ${J}/tasks?pageSize=500`]: () => ({ items: [task("t1", "running")], nextCursor: "n" }),
      [`GET ${J}/tasks?pageSize=1000`]: () => ({
        items: [task("t1", "running"), task("t2", "running")],
        nextCursor: "2",
      }),
      [`GET ${J}/tasks?pageSize=1000&cursor=2`]: () => ({ items: [task("t9", "completed", 1)] }),
      [`DELETE ${J}/tasks/t1`]: deleteRoute,
      [`DELETE ${J}/tasks/t2`]: deleteRoute,
      [`DELETE ${J}/tasks/t9`]: deleteRoute,
    });
    await userEvent.click(await screen.findByRole("checkbox", { name: "Select every loaded task" }));
    const bar = screen.getByRole("region", { name: "Selected tasks" });
    await userEvent.click(within(bar).getByRole("button", { name: "Select all tasks of the job" }));
    expect(within(bar).getByText("All tasks of the job are selected.")).toBeTruthy();
    await userEvent.click(within(bar).getByRole("button", { name: "Delete" }));
    const dialog = await findDialog("Delete every task that matches the filter?");
    await userEvent.click(await findButtonIn(dialog, "Delete"));
    expect(await within(dialog).findByText("3 deleted.")).toBeTruthy();
    expect(deleted.sort()).toEqual(["t1", "t2", "t9"]);
  });

  it("reruns the job's failed tasks: completed with a non-zero exit code or failure info, not those that succeeded", async () => {
    const reactivated: string[] = [];
    const reactivate: Handler = ({ url }) => void reactivated.push(url.pathname.split("/").at(-2)!);
    const { api } = renderJob(
      active,
      {
        [`GET ${J}/tasks?state=completed&pageSize=1000`]: () => ({
          items: [
            task("ok", "completed", 0),
            task("bad", "completed", 3),
            { ...task("nostart", "completed"), failure: { code: "ContainerImageNotFound" } },
          ],
        }),
        [`POST ${J}/tasks/bad/reactivate`]: reactivate,
        [`POST ${J}/tasks/nostart/reactivate`]: reactivate,
      },
      2,
    );
    await userEvent.click(await screen.findByRole("button", { name: "Rerun 2 failed" }));
    const dialog = await findDialog("Rerun the job's failed tasks?");
    expect(
      within(dialog).getByText(/completed with failure information or a non-zero exit code/),
    ).toBeTruthy();
    await userEvent.click(await findButtonIn(dialog, "Rerun"));
    expect(await within(dialog).findByText("2 reactivated.")).toBeTruthy();
    expect(reactivated.sort()).toEqual(["bad", "nostart"]);
    expect(api.calls.some((c) => c.includes("/ok/"))).toBe(false);
  });
});
