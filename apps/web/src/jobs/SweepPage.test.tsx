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

  it("adds one task per CSV row with its {column} values; a bad row is listed with its number and blocks the sweep until fixed", async () => {
    const { requests } = renderSweep();
    await userEvent.click(await screen.findByRole("combobox", { name: "Tasks from" }));
    await userEvent.click(await screen.findByRole("option", { name: /The rows of a CSV/ }));
    const id = screen.getByRole("textbox", { name: /Task id pattern/ });
    await userEvent.clear(id);
    await userEvent.type(id, "render-{{scene}-{{i:2}");
    const command = screen.getByRole("textbox", { name: /Command line/ });
    await userEvent.clear(command);
    await userEvent.type(command, "/bin/render --scene {{scene} --frames {{frames}");
    await userEvent.click(screen.getByRole("combobox", { name: /Container image/ }));
    await userEvent.click(await screen.findByRole("option", { name: IMAGE }));
    const csv = screen.getByRole("textbox", { name: /CSV/ });
    await userEvent.click(csv);
    await userEvent.paste('scene,frames\r\nforest,"1-10"\r\ncity night,11-20\r\nsea\r\n');
    const rows = await screen.findByRole("list", { name: "Rows to fix" });
    expect(rows.textContent).toMatch(/Row 3, id: /);
    expect(rows.textContent).toMatch(/Row 4: Row 4 has 1 field, the header 2\./);
    expect(screen.getByRole("button", { name: "Add 2 tasks" }).hasAttribute("disabled")).toBe(true);
    await userEvent.clear(csv);
    await userEvent.click(csv);
    await userEvent.paste("scene,frames\nforest,1-10\ncity,11-20\n");
    await waitFor(() => expect(screen.queryByRole("list", { name: "Rows to fix" })).toBeNull());
    const preview = screen.getByRole("table", { name: "First tasks" });
    expect(preview.textContent).toContain("render-city-02");
    expect(preview.textContent).toContain("/bin/render --scene city --frames 11-20");
    await userEvent.click(screen.getByRole("button", { name: "Add 2 tasks" }));
    expect(await screen.findByText("2 tasks added.")).toBeTruthy();
    expect(requests.flatMap((r) => r.tasks.map((t) => [t.id, t.commandLine]))).toEqual([
      ["render-forest-01", "/bin/render --scene forest --frames 1-10"],
      ["render-city-02", "/bin/render --scene city --frames 11-20"],
    ]);
  });
});
