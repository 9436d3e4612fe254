import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { JobScheduleSpec, JobScheduleSummary } from "@batch-studio/shared";
import JobSchedulesPage from "./JobSchedulesPage";
import JobSchedulePage from "./JobSchedulePage";
import NewJobSchedulePage from "./NewJobSchedulePage";
import EditJobSchedulePage from "./EditJobSchedulePage";
import { fakeApi } from "../test/fakeApi";
import { poolSummary } from "../test/fixtures";
import { renderPage } from "../test/renderPage";
import { findButtonIn, findDialog } from "../test/dialogs";
import { axeViolations } from "../test/axe";

const A = "/api/accounts/acct";
const nightly: JobScheduleSummary = {
  id: "nightly",
  state: "active",
  poolId: "p1",
  schedule: { recurrenceInterval: "P1D", doNotRunUntil: "2026-12-04T18:00:00.000Z" },
  nextRunTime: "2026-12-05T18:00:00.000Z",
  recentJobId: "nightly:job-1",
  creationTime: "2026-12-01T10:00:00.000Z",
};
const pool = poolSummary({ isContainerPool: false });

describe("JobSchedulesPage", () => {
  it("lists each schedule with how often it runs, its next job and its open job; axe clean", async () => {
    const api = fakeApi({ [`GET ${A}/job-schedules`]: () => ({ items: [nightly] }) });
    const { container } = renderPage({ api, pattern: "/a/:account/job-schedules", url: "/a/acct/job-schedules", element: <JobSchedulesPage /> });
    const table = await screen.findByRole("table", { name: "Job schedules" });
    expect(within(table).getByRole("link", { name: "nightly" }).getAttribute("href")).toBe("/a/acct/job-schedules/nightly");
    expect(within(table).getByText("every P1D")).toBeTruthy();
    expect(within(table).getByRole("link", { name: "nightly:job-1" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "New schedule" }).getAttribute("href")).toBe("/a/acct/job-schedules/new");
    expect(await axeViolations(container)).toEqual([]);
  });
});

describe("JobSchedulePage", () => {
  it("shows the schedule and its jobs, and disables it after a confirmation that says what happens", async () => {
    let disabled = 0;
    const api = fakeApi({
      [`GET ${A}/job-schedules/nightly`]: () => (disabled ? { ...nightly, state: "disabled" } : nightly),
      [`GET ${A}/job-schedules/nightly/jobs`]: () => ({ items: [{ id: "nightly:job-1", state: "active", poolId: "p1" }] }),
      [`POST ${A}/job-schedules/nightly/disable`]: () => {
        disabled++;
        return undefined;
      },
    });
    const { container } = renderPage({ api, pattern: "/a/:account/job-schedules/:schedule", url: "/a/acct/job-schedules/nightly", element: <JobSchedulePage /> });
    expect(await screen.findByText("every P1D")).toBeTruthy();
    // The open job, and the same job in the list of jobs it created.
    await waitFor(() => expect(screen.getAllByRole("link", { name: "nightly:job-1" })).toHaveLength(2));
    expect(screen.queryByRole("button", { name: "Enable" })).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.click(screen.getByRole("button", { name: "Disable" }));
    const dialog = await findDialog("Disable schedule nightly?");
    expect(within(dialog).getByText(/No new job is created until the schedule is enabled again/)).toBeTruthy();
    await userEvent.click(await findButtonIn(dialog, "Disable schedule"));
    await waitFor(() => expect(disabled).toBe(1));
    // Read again after the write: the page now offers Enable.
    expect(await screen.findByRole("button", { name: "Enable" })).toBeTruthy();
  });
});

describe("NewJobSchedulePage", () => {
  function renderNew() {
    const sent: { spec?: JobScheduleSpec; checked?: number } = {};
    const api = fakeApi({
      [`GET ${A}/pools`]: () => ({ items: [pool] }),
      [`GET ${A}/pools/p1`]: () => ({ ...pool, prefetchImages: [], registries: [] }),
      [`POST ${A}/job-schedules`]: ({ body }) => {
        sent.spec = body as JobScheduleSpec;
        return { ...nightly, id: sent.spec.id };
      },
      // The BFF's check, once the whole spec parses: it read the pool.
      [`POST ${A}/validate/job-schedule`]: () => {
        sent.checked = (sent.checked ?? 0) + 1;
        return { issues: [], facts: { pool: { poolId: "p1", isContainerPool: false, prefetchImages: [], registryServers: [] } }, ok: true };
      },
    });
    renderPage({
      api,
      pattern: "/a/:account/job-schedules/new",
      url: "/a/acct/job-schedules/new",
      element: <NewJobSchedulePage />,
      extraRoutes: [{ path: "/a/:account/job-schedules/:schedule", element: <p>schedule page</p> }],
    });
    return sent;
  }

  it("creates a schedule that repeats every hour, whose job prepares each node", async () => {
    const sent = renderNew();
    await userEvent.type(await screen.findByRole("textbox", { name: /Schedule id/ }), "hourly");
    await userEvent.type(screen.getByRole("textbox", { name: /Repeat every/ }), "PT1H");
    await userEvent.click(screen.getByRole("combobox", { name: /Pool/ }));
    await userEvent.click(await screen.findByRole("option", { name: "p1" }));
    await userEvent.click(screen.getByRole("switch", { name: "Prepare each node" }));
    await userEvent.type(screen.getByRole("textbox", { name: /Preparation command line/ }), "/bin/true");
    // Once the whole spec parses, the BFF checks it too (debounced).
    await waitFor(() => expect(sent.checked ?? 0).toBeGreaterThan(0));
    await userEvent.click(screen.getByRole("button", { name: "Create schedule" }));
    expect(await screen.findByText("schedule page")).toBeTruthy();
    expect(sent.spec).toMatchObject({ id: "hourly", schedule: { recurrenceInterval: "PT1H" }, jobSpecification: { poolId: "p1", jobPreparationTask: { commandLine: "/bin/true" } } });
  });

  it("says a recurrence that is not a duration is wrong at its field, once typed", async () => {
    const sent = renderNew();
    const every = await screen.findByRole("textbox", { name: /Repeat every/ });
    expect(screen.queryByText(/is not an ISO-8601 duration/)).toBeNull();
    await userEvent.type(every, "daily");
    expect(await screen.findByText(/"daily" is not an ISO-8601 duration/)).toBeTruthy();
    expect(sent.spec).toBeUndefined();
  });
});

describe("EditJobSchedulePage", () => {
  it("starts from the schedule's spec with its id fixed, and saves the timing with a PATCH", async () => {
    let patched: unknown;
    const spec: JobScheduleSpec = {
      id: "nightly",
      schedule: { recurrenceInterval: "P1D" },
      jobSpecification: { poolId: "p1", priority: 0, maxParallelTasks: -1, onAllTasksComplete: "noaction", onTaskFailure: "noaction", usesTaskDependencies: false, env: [], metadata: [] },
      metadata: [],
    };
    const api = fakeApi({
      [`GET ${A}/pools`]: () => ({ items: [pool] }),
      [`GET ${A}/pools/p1`]: () => ({ ...pool, prefetchImages: [], registries: [] }),
      [`GET ${A}/job-schedules/nightly/spec`]: () => ({ spec }),
      [`POST ${A}/validate/job-schedule`]: () => ({ issues: [], facts: {}, ok: true }),
      [`PATCH ${A}/job-schedules/nightly`]: ({ body }) => {
        patched = body;
        return { ...nightly, schedule: { recurrenceInterval: "PT12H" } };
      },
    });
    renderPage({
      api,
      pattern: "/a/:account/job-schedules/:schedule/edit",
      url: "/a/acct/job-schedules/nightly/edit",
      element: <EditJobSchedulePage />,
      extraRoutes: [{ path: "/a/:account/job-schedules/:schedule", element: <p>schedule page</p> }],
    });
    const id = await screen.findByRole("textbox", { name: /Schedule id/ });
    expect(id).toHaveProperty("readOnly", true);
    const every = screen.getByRole("textbox", { name: /Repeat every/ });
    await userEvent.clear(every);
    await userEvent.type(every, "PT12H");
    await userEvent.click(screen.getByRole("button", { name: "Save schedule" }));
    expect(await screen.findByText("schedule page")).toBeTruthy();
    expect(patched).toMatchObject({ schedule: { recurrenceInterval: "PT12H" }, jobSpecification: { poolId: "p1" } });
    expect(patched).not.toHaveProperty("id");
  });
});
