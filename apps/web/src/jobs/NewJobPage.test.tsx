import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { JobSpec, JobSpecInput, PoolDetails } from "@batch-studio/shared";
import NewJobPage from "./NewJobPage";
import { fakeApi } from "../test/fakeApi";
import { poolSummary } from "../test/fixtures";
import { renderPage } from "../test/renderPage";
import { axeViolations } from "../test/axe";

const A = "/api/accounts/acct";
const IMAGE = "127.0.0.1:5000/lab/busybox:latest";
const summary = poolSummary({ currentDedicatedNodes: 2, targetDedicatedNodes: 2 });
const details: PoolDetails = { ...summary, prefetchImages: [IMAGE], registries: [] };

function renderNewJob(url = "/a/acct/jobs/new") {
  const sent: { job?: JobSpec } = {};
  const api = fakeApi({
    [`GET ${A}/pools`]: () => ({ items: [summary] }),
    [`GET ${A}/pools/p1`]: () => details,
    [`GET ${A}/applications`]: () => ({ items: [] }),
    [`POST ${A}/jobs`]: ({ body }) => {
      sent.job = body as JobSpec;
      return { id: sent.job.id, state: "active", poolId: "p1" };
    },
  });
  const page = renderPage({
    api,
    pattern: "/a/:account/jobs/new",
    url,
    element: <NewJobPage />,
    extraRoutes: [{ path: "/a/:account/jobs/:job", element: <p>job page</p> }],
  });
  return { ...page, sent };
}

const type = async (name: RegExp, text: string) => userEvent.type(screen.getByRole("textbox", { name }), text);

describe("NewJobPage", () => {
  it("creates a job whose manager runs in a container and whose preparation and release run on the host; axe clean", async () => {
    const { sent, container } = renderNewJob("/a/acct/jobs/new?pool=p1");
    await type(/^Job id/, "render");
    await userEvent.click(screen.getByRole("switch", { name: "Run a job manager task first" }));
    const image = screen.getByRole("combobox", { name: /Job manager container image/ });
    await userEvent.click(image);
    await userEvent.click(await screen.findByRole("option", { name: IMAGE }));
    await type(/Job manager command line/, "/bin/sh -c 'echo split the work'");
    await userEvent.click(screen.getByRole("switch", { name: "Run alone on its node (no other task beside it)" }));
    await userEvent.click(screen.getByRole("switch", { name: "Prepare each node" }));
    await type(/Preparation command line/, "/bin/sh -c 'mkdir -p /mnt/cache'");
    await userEvent.click(screen.getByRole("switch", { name: "Release each node when the job ends" }));
    await type(/Release command line/, "/bin/sh -c 'rm -rf /mnt/cache'");
    await type(/Job time limit/, "P1D");
    await userEvent.click(screen.getByRole("switch", { name: "Tasks may wait for other tasks (task dependencies)" }));
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.click(screen.getByRole("button", { name: "Create job" }));
    expect(await screen.findByText("job page")).toBeTruthy();
    expect(sent.job).toMatchObject({
      id: "render",
      poolId: "p1",
      jobManagerTask: { id: "jobmanager", commandLine: "/bin/sh -c 'echo split the work'", containerSettings: { imageName: IMAGE }, killJobOnCompletion: true, runExclusive: false },
      jobPreparationTask: { commandLine: "/bin/sh -c 'mkdir -p /mnt/cache'", waitForSuccess: true },
      jobReleaseTask: { commandLine: "/bin/sh -c 'rm -rf /mnt/cache'" },
      constraints: { maxWallClockTime: "P1D" },
      usesTaskDependencies: true,
    });
    expect(sent.job?.jobPreparationTask?.containerSettings).toBeUndefined();
  });

  it("on a container pool, a job manager without an image is an error at the image once Create is pressed; nothing is sent", async () => {
    const { sent } = renderNewJob("/a/acct/jobs/new?pool=p1");
    await type(/^Job id/, "j2");
    await userEvent.click(screen.getByRole("switch", { name: "Run a job manager task first" }));
    await type(/Job manager command line/, "run");
    expect(screen.queryByText(/must run in a container/)).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Create job" }));
    expect(await screen.findByText(/must run in a container/)).toBeTruthy();
    expect(sent.job).toBeUndefined();
  });

  it("switching the preparation off takes the release task with it (Batch needs both or neither)", async () => {
    renderNewJob();
    await userEvent.click(await screen.findByRole("switch", { name: "Prepare each node" }));
    await userEvent.click(screen.getByRole("switch", { name: "Release each node when the job ends" }));
    expect(screen.getByRole("textbox", { name: /Release command line/ })).toBeTruthy();
    await userEvent.click(screen.getByRole("switch", { name: "Prepare each node" }));
    await waitFor(() => expect(screen.queryByRole("textbox", { name: /Release command line/ })).toBeNull());
    expect(screen.queryByRole("switch", { name: "Release each node when the job ends" })).toBeNull();
  });
});

describe("NewJobPage from an existing job", () => {
  it("starts from the job's spec under a new id, and shows its exports without any password", async () => {
    const source: JobSpecInput = {
      id: "render",
      poolId: "p1",
      priority: 7,
      maxParallelTasks: -1,
      onAllTasksComplete: "terminatejob",
      onTaskFailure: "noaction",
      usesTaskDependencies: false,
      env: [],
      metadata: [{ name: "team", value: "vfx" }],
      jobManagerTask: {
        id: "jobmanager",
        commandLine: "split",
        containerSettings: {
          imageName: IMAGE,
          workingDirectory: "taskWorkingDirectory",
          registry: { server: "lab.example", auth: { kind: "password", username: "u", password: "" } },
        },
        killJobOnCompletion: true,
        runExclusive: true,
        env: [],
        resourceFiles: [],
        outputFiles: [],
        applicationPackages: [],
        elevated: false,
        constraints: {},
        requiredSlots: 1,
      },
    };
    const sent: { job?: JobSpec } = {};
    const api = fakeApi({
      [`GET ${A}/pools`]: () => ({ items: [summary] }),
      [`GET ${A}/pools/p1`]: () => details,
      [`GET ${A}/applications`]: () => ({ items: [] }),
      [`GET ${A}/jobs/render/spec`]: () => ({ spec: source, eTag: "0x1", state: "completed" }),
      [`POST ${A}/jobs`]: ({ body }) => {
        sent.job = body as JobSpec;
        return { id: sent.job.id, state: "active", poolId: "p1" };
      },
    });
    renderPage({ api, pattern: "/a/:account/jobs/new", url: "/a/acct/jobs/new?from=render", element: <NewJobPage />, extraRoutes: [{ path: "/a/:account/jobs/:job", element: <p>job page</p> }] });
    expect(await screen.findByRole("heading", { name: "New job from render" })).toBeTruthy();
    expect((screen.getByRole("textbox", { name: /^Job id/ }) as HTMLInputElement).value).toBe("render-copy");
    expect((screen.getByRole("textbox", { name: "Entry 1 value" }) as HTMLInputElement).value).toBe("vfx");
    expect(screen.getByRole("note").textContent).toMatch(/registry login of the job manager \(lab.example\) task/);

    await userEvent.click(screen.getByRole("button", { name: /Export as REST JSON/ }));
    await userEvent.click(await screen.findByRole("tab", { name: "az CLI" }));
    const az = screen.getByRole("region", { name: "create-job.sh" }).textContent ?? "";
    expect(az).toContain("az batch job create --json-file job.json");
    expect(az).not.toContain("REGISTRY_PASSWORD");
    await userEvent.click(screen.getByRole("tab", { name: "C#" }));
    expect(screen.getByRole("region", { name: "CreateJob.cs" }).textContent).toContain("/jobs?api-version=2022-10-01.16.0");
    await userEvent.click(screen.getByRole("button", { name: "Create job" }));
    expect(await screen.findByText("job page")).toBeTruthy();
    expect(sent.job).toMatchObject({ id: "render-copy", priority: 7, onAllTasksComplete: "terminatejob", metadata: [{ name: "team", value: "vfx" }] });
    expect(sent.job?.jobManagerTask?.containerSettings?.registry).toBeUndefined();
  });
});
