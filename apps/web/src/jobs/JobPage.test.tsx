import { describe, expect, it } from "vitest";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { TaskCounts, TaskSummary } from "@batch-studio/shared";
import JobPage from "./JobPage";
import { jobKeys } from "../api/keys";
import { fakeApi } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { axeViolations } from "../test/axe";
import { AUTO_REFRESH_PAGES } from "./TaskList";

const JOB = "GET /api/accounts/acct/jobs/j1";
const COUNTS = "GET /api/accounts/acct/jobs/j1/task-counts";
const TASKS = "GET /api/accounts/acct/jobs/j1/tasks";

const task = (id: string, state: string, exitCode?: number): TaskSummary => ({
  id,
  state,
  commandLine: "echo hi",
  imageName: "lab/busybox",
  ...(exitCode === undefined ? {} : { exitCode, result: exitCode === 0 ? "success" : "failure" }),
});
const block = (running: number, completed: number) => ({
  active: 0,
  running,
  completed,
  succeeded: completed,
  failed: 0,
});
const counts = (running: number, completed: number): TaskCounts => ({
  tasks: block(running, completed),
  slots: block(running, completed),
});

const renderJob = (handlers: Parameters<typeof fakeApi>[0]) =>
  renderPage({
    api: fakeApi({ [JOB]: () => ({ id: "j1", state: "active", poolId: "p1" }), ...handlers }),
    pattern: "/a/:account/jobs/:job",
    url: "/a/acct/jobs/j1",
    element: <JobPage />,
  });

const taskRow = (id: string) => screen.getByRole("link", { name: id }).closest('[role="row"]') as HTMLElement;

describe("JobPage", () => {
  it("re-reads the task rows when the job's task counts move", async () => {
    let done = false;
    const { container, queryClient } = renderJob({
      [COUNTS]: () => (done ? counts(0, 1) : counts(1, 0)),
      [TASKS]: () => ({ items: [done ? task("t1", "completed", 0) : task("t1", "running")] }),
    });
    await screen.findByRole("link", { name: "t1" });
    expect(within(taskRow("t1")).getByText("running")).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);

    done = true;
    await act(() => queryClient.invalidateQueries({ queryKey: jobKeys.taskCounts("acct", "j1") }));
    await waitFor(() => expect(within(taskRow("t1")).getByText("completed")).toBeTruthy());
    expect(within(taskRow("t1")).getByText("0")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Refresh from the top" })).toBeNull();
  });

  it("past a few loaded pages, says the rows are behind and refreshes from the top on request", async () => {
    let moved = false;
    const pages = AUTO_REFRESH_PAGES + 2;
    const api = {
      [COUNTS]: () => (moved ? counts(0, 10) : counts(10, 0)),
      [TASKS]: ({ url }: { url: URL }) => {
        const page = Number(url.searchParams.get("cursor") ?? "0");
        const items = [0, 1].map((i) => task(`p${page}-t${i}`, moved ? "completed" : "running"));
        return page + 1 < pages ? { items, nextCursor: String(page + 1) } : { items };
      },
    };
    const { queryClient } = renderJob(api);
    // Short pages: the list asks for the next one until the last, as a reader scrolling would.
    await screen.findByRole("link", { name: `p${pages - 1}-t1` });

    moved = true;
    await act(() => queryClient.invalidateQueries({ queryKey: jobKeys.taskCounts("acct", "j1") }));
    const refresh = await screen.findByRole("button", { name: "Refresh from the top" });
    expect(within(taskRow("p0-t0")).getByText("running")).toBeTruthy();

    await act(async () => refresh.click());
    await waitFor(() => expect(within(taskRow("p0-t0")).getByText("completed")).toBeTruthy());
    expect(screen.queryByRole("button", { name: "Refresh from the top" })).toBeNull();
  });

  it("an empty job leads to adding a task; an empty filter result offers to clear the filters", async () => {
    const { container } = renderJob({
      [COUNTS]: () => counts(0, 0),
      [TASKS]: () => ({ items: [] }),
    });
    const add = await screen.findByRole("link", { name: "Add a container task" });
    expect(add.getAttribute("href")).toBe("/a/acct/jobs/j1/tasks/new");
    expect(await axeViolations(container)).toEqual([]);

    const exit = screen.getByRole("textbox", { name: "Exit code" });
    await userEvent.type(exit, "3");
    await userEvent.click(await screen.findByRole("button", { name: "Clear filters" }));
    expect((exit as HTMLInputElement).value).toBe("");
    expect(await screen.findByText("No tasks in this job yet")).toBeTruthy();
  });
});
