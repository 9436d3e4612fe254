import { describe, expect, it } from "vitest";
import { act, screen, waitFor, within } from "@testing-library/react";
import type { NodeFile, SavedOutputsResponse, TaskDetails } from "@batch-studio/shared";
import TaskPage from "./TaskPage";
import { contentAnswer } from "../output/fakeContentRoute";
import userEvent from "@testing-library/user-event";
import { fakeApi, problem } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { findButtonIn, findDialog } from "../test/dialogs";
import { axeViolations } from "../test/axe";
import { jobKeys } from "../api/keys";

const T = "/api/accounts/acct/jobs/j1/tasks/t1";
const JOB = "GET /api/accounts/acct/jobs/j1";
const base: TaskDetails = {
  id: "t1",
  state: "active",
  commandLine: "",
  imageName: "127.0.0.1:5000/lab/entrypoint:1",
  poolId: "p1",
  env: [],
};

const NO_SAVED_OUTPUTS: SavedOutputsResponse = { destinations: [], items: [] };

function renderTask(task: TaskDetails, files: NodeFile[] = [], extra: Parameters<typeof fakeApi>[0] = {}) {
  const stdout = new TextEncoder().encode("hello from the container\n");
  const api = fakeApi({
    [`GET ${T}`]: () => task,
    [JOB]: () => ({ id: "j1", state: "active" }),
    [`GET ${T}/saved-outputs`]: () => NO_SAVED_OUTPUTS,
    ...extra,
    [`GET ${T}/files`]: () => ({ items: files }),
    [`GET ${T}/files/content`]: ({ url }) => contentAnswer(stdout, url),
  });
  return {
    api,
    ...renderPage({
      api,
      pattern: "/a/:account/jobs/:job/tasks/:task",
      url: "/a/acct/jobs/j1/tasks/t1",
      element: <TaskPage />,
      extraRoutes: [{ path: "/a/:account/jobs/:job", element: <p>job page</p> }],
    }),
  };
}

describe("TaskPage", () => {
  it("shows a queued task's settings, says it has no output yet, and is axe clean", async () => {
    const { container } = renderTask(base);
    expect(await screen.findByText("(image ENTRYPOINT)")).toBeTruthy();
    expect(screen.getByText("127.0.0.1:5000/lab/entrypoint:1")).toBeTruthy();
    expect(screen.getByText(/The task is queued/)).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });

  it("shows a failed task's failure, container error, output and files, and is axe clean", async () => {
    const files: NodeFile[] = [
      { name: "stdout.txt", isDirectory: false, size: 25 },
      { name: "stderr.txt", isDirectory: false, size: 0 },
      { name: "wd", isDirectory: true },
      { name: "wd/result.csv", isDirectory: false, size: 10 },
    ];
    const failed: TaskDetails = {
      ...base,
      state: "completed",
      result: "failure",
      exitCode: 3,
      nodeId: "tvm-1",
      commandLine: "/bin/greet --fail",
      failure: {
        category: "usererror",
        code: "FailureExitCode",
        message: "The task exited with exit code 3",
      },
      containerError: "image pull took 40s",
    };
    const { container } = renderTask(failed, files);
    expect(await screen.findByText("The task exited with code 3")).toBeTruthy();
    expect(screen.getByText(/Batch said: FailureExitCode: The task exited with exit code 3/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Open stderr.txt" }).getAttribute("href")).toBe("/a/acct/jobs/j1/tasks/t1/files/stderr.txt");
    expect(screen.getByRole("link", { name: "Re-add to fix" }).getAttribute("href")).toBe("/a/acct/jobs/j1/tasks/new?from=t1");
    expect(screen.getByText("Container: image pull took 40s")).toBeTruthy();
    expect(screen.getByRole("link", { name: "tvm-1" })).toBeTruthy();
    // The viewer is a lazy chunk: its first import in a test run is transformed on demand, slow on a busy machine.
    expect(await screen.findByText("hello from the container", {}, { timeout: 10_000 })).toBeTruthy();
    expect(await screen.findByRole("link", { name: "wd/result.csv" })).toBeTruthy();
    expect(screen.queryByRole("link", { name: "wd" })).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });
});

describe("TaskPage explain and fix", () => {
  it("a task stopped at its time limit offers to re-add it with a longer one", async () => {
    renderTask({
      ...base,
      state: "completed",
      result: "failure",
      maxWallClockTime: "PT10M",
      failure: { category: "servererror", code: "TaskEnded", message: "Task Was Ended because it exceeded its maximum wall clock time" },
    });
    expect(await screen.findByText("The task ran out of time")).toBeTruthy();
    const readd = screen.getByRole("link", { name: "Re-add with this fix: Allow PT40M" });
    expect(readd.getAttribute("href")).toBe("/a/acct/jobs/j1/tasks/new?from=t1&fix=TaskEnded");
  });
});

describe("TaskPage saved outputs", () => {
  const done: TaskDetails = { ...base, state: "completed", result: "success", exitCode: 0 };
  const saved: SavedOutputsResponse = {
    destinations: [
      { index: 0, filePattern: "out/*.csv", uploadCondition: "taskSuccess", containerUrl: "https://contosodata.blob.core.windows.net/results", path: "run1", access: "accountKey" },
      { index: 1, filePattern: "../stderr.txt", uploadCondition: "taskFailure", containerUrl: "https://other.blob.core.windows.net/logs", access: "none", reason: "The destination's SAS does not grant reading." },
    ],
    items: [{ path: "0/run1/a.csv", destination: 0, name: "run1/a.csv", size: 2048, lastModified: "2026-12-04T10:00:00.000Z" }],
  };

  it("lists where each output file went, its blobs as links to the viewer, and why one cannot be read; axe clean", async () => {
    const { container } = renderTask(done, [], { [`GET ${T}/saved-outputs`]: () => saved });
    const section = await screen.findByRole("region", { name: "Saved outputs" });
    expect(await within(section).findByText("contosodata/results/run1")).toBeTruthy();
    expect(within(section).getByText("when the task succeeds")).toBeTruthy();
    const link = within(section).getByRole("link", { name: "run1/a.csv" });
    expect(link.getAttribute("href")).toBe("/a/acct/jobs/j1/tasks/t1/saved-outputs/0%2Frun1%2Fa.csv");
    expect(within(section).getByText("2.0 KB")).toBeTruthy();
    expect(within(section).getByText("The portal cannot read this destination")).toBeTruthy();
    expect(within(section).getByText(/does not grant reading/)).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });

  it("when the node's files are gone, says so and opens the saved stdout from Storage instead", async () => {
    const kept: SavedOutputsResponse = {
      destinations: [{ index: 0, filePattern: "../std*.txt", uploadCondition: "taskCompletion", containerUrl: "https://contosodata.blob.core.windows.net/logs", path: "t1", access: "accountKey" }],
      items: [{ path: "0/t1/stdout.txt", destination: 0, name: "t1/stdout.txt", size: 19 }],
    };
    const saved = new TextEncoder().encode("saved from Storage\n");
    renderTask(done, [], {
      [`GET ${T}/saved-outputs`]: () => kept,
      [`GET ${T}/saved-outputs/content`]: ({ url }) => contentAnswer(saved, url),
    });
    expect(await screen.findByText("The task's files are gone from its node")).toBeTruthy();
    expect(screen.getByText(/Showing t1\/stdout.txt, saved to Storage/)).toBeTruthy();
    expect(await screen.findByText("saved from Storage", {}, { timeout: 10_000 })).toBeTruthy();
  });

  it("shows no section for a task without output files", async () => {
    const { queryClient } = renderTask(done);
    await waitFor(() => expect(queryClient.getQueryData(jobKeys.taskSavedOutputs("acct", "j1", "t1"))).toEqual(NO_SAVED_OUTPUTS));
    expect(await screen.findByText("hello from the container", {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Saved outputs" })).toBeNull();
  });
});

describe("TaskPage actions", () => {
  const failed: TaskDetails = { ...base, state: "completed", result: "failure", exitCode: 3 };

  it("reactivates a failed task after a confirmation that says what happens", async () => {
    let reactivated = 0;
    const { api } = renderTask(failed, [], {
      [`POST ${T}/reactivate`]: () => {
        reactivated++;
        return undefined;
      },
    });
    await userEvent.click(await screen.findByRole("button", { name: "Reactivate" }));
    const dialog = await findDialog("Reactivate task t1?");
    expect(within(dialog).getByText(/retry count reset to 0/)).toBeTruthy();
    await userEvent.click(await findButtonIn(dialog, "Reactivate task"));
    await waitFor(() => expect(reactivated).toBe(1));
    expect(await screen.findByText("Task reactivated")).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    // The task is read again after the write.
    await waitFor(() => expect(api.calls.filter((c) => c === `GET ${T}`).length).toBeGreaterThan(1));
  });

  it("keeps Reactivate unavailable for a task that succeeded and says why; Terminate too, as it completed", async () => {
    const { api } = renderTask({ ...base, state: "completed", result: "success", exitCode: 0 });
    const reactivate = await screen.findByRole("button", { name: "Reactivate" });
    expect(reactivate.getAttribute("aria-disabled")).toBe("true");
    const why = document.getElementById(reactivate.getAttribute("aria-describedby")!);
    expect(why?.textContent).toBe("Reactivate: The task succeeded: Batch reactivates only a task that failed.");
    expect(screen.getByRole("button", { name: "Terminate" }).getAttribute("aria-disabled")).toBe("true");
    await userEvent.click(reactivate);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(api.calls.some((c) => c.startsWith("POST"))).toBe(false);
  });

  it("deletes the task and goes back to its job; a refused delete says why and stays", async () => {
    let refuse = true;
    renderTask(failed, [], {
      [`DELETE ${T}`]: () => {
        if (refuse) throw problem(409, "Conflict", { detail: "The job is being deleted." });
        return undefined;
      },
    });
    await userEvent.click(await screen.findByRole("button", { name: "Delete" }));
    const dialog = await findDialog("Delete task t1?");
    expect(within(dialog).getByText(/cannot be undone/)).toBeTruthy();
    await userEvent.click(await findButtonIn(dialog, "Delete task"));
    expect(await screen.findByText(/The job is being deleted/)).toBeTruthy();
    expect(screen.getByRole("dialog", { name: "Delete task t1?" })).toBeTruthy();

    refuse = false;
    await userEvent.click(await findButtonIn(dialog, "Delete task"));
    expect(await screen.findByText("job page")).toBeTruthy();
  });
});

describe("TaskPage while following", () => {
  const encoder = new TextEncoder();
  /** A running task whose stream the test feeds; its listing says `listed()` bytes for stdout.txt. */
  function liveTask(details: () => unknown, listed = () => 22) {
    let push!: (text: string) => void;
    let close!: () => void;
    const api = fakeApi({
      [`GET ${T}`]: details,
      [JOB]: () => ({ id: "j1", state: "active" }),
      [`GET ${T}/saved-outputs`]: () => NO_SAVED_OUTPUTS,
      [`GET ${T}/files`]: () => ({
        items: [
          { name: "stdout.txt", isDirectory: false, size: listed() },
          { name: "stderr.txt", isDirectory: false, size: 0 },
        ],
      }),
      [`GET ${T}/files/content`]: ({ url }) => contentAnswer(encoder.encode("first line, 22 bytes.\n"), url),
      [`GET ${T}/files/follow`]: () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(c) {
              push = (t) => c.enqueue(encoder.encode(t));
              close = () => c.close();
            },
          }),
          {
            headers: { "content-type": "text/event-stream" },
          },
        ),
    });
    const page = renderPage({
      api,
      pattern: "/a/:account/jobs/:job/tasks/:task",
      url: "/a/acct/jobs/j1/tasks/t1",
      element: <TaskPage />,
    });
    return {
      ...page,
      api,
      push: (text: string) => push(text),
      close: () => close(),
      ready: () => waitFor(() => expect(push).toBeDefined()),
    };
  }
  const more = {
    offset: 22,
    length: 44,
    encoding: "utf8",
    data: "second line, 22 bytes\nthird line, 22 bytes.\n",
  };

  it("shows one size for the open file: the tab says what the viewer's stream says (22 B listed, 66 B streamed)", async () => {
    const live = liveTask(() => ({ ...base, state: "running" }));
    const tab = await screen.findByRole("tab", { name: "stdout.txt · 22 B" });
    await live.ready();
    live.push(`event: data\nid: 66\ndata: ${JSON.stringify(more)}\n\n`);
    expect(await screen.findByText("third line, 22 bytes.")).toBeTruthy();
    const tools = screen.getByRole("toolbar", { name: "stdout.txt tools" });
    await waitFor(() => expect(within(tools).getByText("66 B")).toBeTruthy());
    await waitFor(() => expect(tab.textContent).toBe("stdout.txt · 66 B"));
    // The listing's next poll still says 22 B: the followed file keeps the stream's size, the others take the poll's.
    await act(() => live.queryClient.refetchQueries({ queryKey: jobKeys.taskFiles("acct", "j1", "t1") }));
    expect(live.api.calls.filter((c) => c === `GET ${T}/files`)).toHaveLength(2);
    expect(tab.textContent).toBe("stdout.txt · 66 B");
    expect(screen.getByRole("tab", { name: "stderr.txt · empty" })).toBeTruthy();
  });

  it("takes the task's completion and exit code from the stream's end, before any poll says so", async () => {
    let gets = 0;
    let ended = false;
    // The first read says running; the refetch after the stream's end never answers, so what shows is the stream's word.
    const live = liveTask(
      () => (gets++ === 0 ? { ...base, state: "running" } : new Promise(() => {})),
      () => (ended ? 66 : 22),
    );
    await live.ready();
    expect(screen.getByText("running")).toBeTruthy();
    live.push(
      `event: data\nid: 66\ndata: ${JSON.stringify(more)}\n\nevent: end\ndata: {"reason":"completed","size":66,"taskState":"completed","exitCode":4}\n\n`,
    );
    live.close(); // as the BFF does after `end`
    ended = true;
    expect(await screen.findByText("Task completed with exit code 4.")).toBeTruthy();
    await waitFor(() => expect(screen.getByText("completed")).toBeTruthy());
    const exit = screen.getByText("Exit code").nextElementSibling;
    expect(exit?.textContent).toBe("4");
    expect(screen.getByRole("tab", { name: "stdout.txt · 66 B" })).toBeTruthy();
    // The stream closed: the task is fetched once more for what the stream does not carry (result, end time).
    await waitFor(() => expect(gets).toBe(2));
  });
});
