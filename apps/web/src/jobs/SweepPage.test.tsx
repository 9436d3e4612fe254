import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { AddTasksRequest, AddTasksResponse } from "@batch-studio/shared";
import SweepPage from "./SweepPage";
import { fakeApi } from "../test/fakeApi";
import { poolDetails, poolSummary } from "../test/fixtures";
import { renderPage } from "../test/renderPage";
import { axeViolations } from "../test/axe";

const A = "/api/accounts/acct";
const IMAGE = "127.0.0.1:5000/lab/busybox:latest";

function renderSweep() {
  const requests: AddTasksRequest[] = [];
  const api = fakeApi({
    [`GET ${A}/jobs/j1`]: () => ({ id: "j1", state: "active", poolId: "p1" }),
    [`GET ${A}/pools`]: () => ({ items: [poolSummary()] }),
    [`GET ${A}/pools/p1`]: () => poolDetails({ prefetchImages: [IMAGE] }),
    [`POST ${A}/jobs/j1/tasks/collection`]: ({ body }): AddTasksResponse => {
      const req = body as AddTasksRequest;
      requests.push(req);
      // Batch refuses one id that already exists.
      return { results: req.tasks.map((t) => (t.id === "task-0042" ? { id: t.id, status: "clientError", error: { code: "TaskExists", message: "The specified task already exists." } } : { id: t.id, status: "success" })) };
    },
  });
  const page = renderPage({ api, pattern: "/a/:account/jobs/:job/tasks/sweep", url: "/a/acct/jobs/j1/tasks/sweep", element: <SweepPage /> });
  return { ...page, requests };
}

describe("SweepPage", () => {
  it("adds 250 tasks in requests of 100, shows the progress and lists the one Batch refused; axe clean", async () => {
    const { requests, container } = renderSweep();
    const to = await screen.findByRole("spinbutton", { name: "To" });
    await userEvent.clear(to);
    await userEvent.type(to, "250");
    await userEvent.click(screen.getByRole("combobox", { name: /Container image/ }));
    await userEvent.click(await screen.findByRole("option", { name: IMAGE }));
    expect(screen.getByText("250 tasks: task-0001 … task-0250, sent 100 a request.")).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.click(screen.getByRole("button", { name: "Add 250 tasks" }));
    expect(await screen.findByText("249 tasks added, 1 refused.")).toBeTruthy();
    expect(requests.map((r) => r.tasks.length)).toEqual([100, 100, 50]);
    expect(requests[0]!.tasks[0]).toMatchObject({ id: "task-0001", commandLine: "/bin/sh -c 'echo item 1'", containerSettings: { imageName: IMAGE } });
    expect(screen.getByRole("list", { name: "Refused tasks" }).textContent).toMatch(/task-0042: TaskExists: The specified task already exists/);
  });

  it("an id without {i} is an error at its field once typed, and nothing is sent", async () => {
    const { requests } = renderSweep();
    const id = await screen.findByRole("textbox", { name: /Task id pattern/ });
    await userEvent.clear(id);
    await userEvent.type(id, "same");
    expect(await screen.findByText(/The id must contain \{i\}/)).toBeTruthy();
    await waitFor(() => expect(screen.getByRole("button", { name: /^Add .* tasks$/ }).hasAttribute("disabled")).toBe(true));
    expect(requests).toEqual([]);
  });
});
