import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { JobSpecInput } from "@batch-studio/shared";
import EditJobPage from "./EditJobPage";
import { fakeApi, problem } from "../test/fakeApi";
import { poolSummary } from "../test/fixtures";
import { renderPage } from "../test/renderPage";
import { axeViolations } from "../test/axe";

const A = "/api/accounts/acct";
const spec: JobSpecInput = { id: "render", poolId: "p1", priority: 1, metadata: [{ name: "team", value: "vfx" }] };

function renderEdit({ state = "active", answer }: { state?: string; answer?: () => unknown } = {}) {
  const sent: unknown[] = [];
  let version = 1;
  const api = fakeApi({
    [`GET ${A}/pools`]: () => ({ items: [poolSummary(), poolSummary({ id: "p2" })] }),
    [`GET ${A}/pools/p1`]: () => ({ ...poolSummary(), prefetchImages: [], registries: [] }),
    [`GET ${A}/jobs/render/spec`]: () => ({ spec, eTag: `0x${version}`, state }),
    [`PATCH ${A}/jobs/render`]: ({ body }) => {
      sent.push(body);
      if (answer) return answer();
      version += 1;
      return { id: "render", state, poolId: "p1", priority: 500 };
    },
  });
  const page = renderPage({
    api,
    pattern: "/a/:account/jobs/:job/edit",
    url: "/a/acct/jobs/render/edit",
    element: <EditJobPage />,
    extraRoutes: [{ path: "/a/:account/jobs/:job", element: <p>job page</p> }],
  });
  return { ...page, sent };
}

describe("EditJobPage", () => {
  it("saves what Batch lets change, sent with the version it started from; axe clean", async () => {
    const { sent, container } = renderEdit();
    const priority = await screen.findByRole("spinbutton", { name: /Priority/ });
    await userEvent.clear(priority);
    await userEvent.type(priority, "500");
    await userEvent.type(screen.getByRole("textbox", { name: "Entry 1 value" }), "-2");
    // The pool is fixed while the job is active.
    expect(screen.getByRole("combobox", { name: /Pool/ }).hasAttribute("disabled")).toBe(true);
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.click(screen.getByRole("button", { name: "Save job" }));
    expect(await screen.findByText("job page")).toBeTruthy();
    expect(sent).toEqual([expect.objectContaining({ eTag: "0x1", priority: 500, metadata: [{ name: "team", value: "vfx-2" }] })]);
    expect((sent[0] as { poolId?: string }).poolId).toBeUndefined();
  });

  it("shows a wrong number at its field only after the field is touched, and sends nothing", async () => {
    const { sent } = renderEdit();
    const priority = await screen.findByRole("spinbutton", { name: /Priority/ });
    expect(screen.queryByText(/1000/, { selector: "[role=alert], .fui-Field__validationMessage" })).toBeNull();
    await userEvent.clear(priority);
    await userEvent.type(priority, "5000");
    expect(await screen.findByText(/less than or equal to 1000|at most 1000|1000/i, { selector: ".fui-Field__validationMessage" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Save job" }).hasAttribute("disabled")).toBe(true);
    expect(sent).toEqual([]);
  });

  it("moves a disabled job to another pool", async () => {
    const { sent } = renderEdit({ state: "disabled" });
    await userEvent.click(await screen.findByRole("combobox", { name: /Pool/ }));
    await userEvent.click(await screen.findByRole("option", { name: "p2" }));
    await userEvent.click(screen.getByRole("button", { name: "Save job" }));
    expect(await screen.findByText("job page")).toBeTruthy();
    expect(sent).toEqual([expect.objectContaining({ poolId: "p2" })]);
  });

  it("says someone else changed the job on a 412, keeps their change, and reloads on request", async () => {
    renderEdit({ answer: () => { throw problem(412, "Job \"render\" was changed by someone else after you opened it."); } });
    const priority = await screen.findByRole("spinbutton", { name: /Priority/ });
    await userEvent.type(priority, "2");
    await userEvent.click(screen.getByRole("button", { name: "Save job" }));
    expect(await screen.findByText("Someone else changed this job")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Save job" }).hasAttribute("disabled")).toBe(true);
    await userEvent.click(screen.getByRole("button", { name: "Reload" }));
    expect(await screen.findByRole("spinbutton", { name: /Priority/ })).toBeTruthy();
  });
});
