import { describe, expect, it } from "vitest";
import { act, screen, waitFor } from "@testing-library/react";
import FileViewerPage from "./FileViewerPage";
import { fileLabel } from "./OutputTabs";
import { fakeApi, problem } from "../test/fakeApi";
import { contentAnswer } from "./fakeContentRoute";
import { jobKeys } from "../api/keys";
import { renderPage } from "../test/renderPage";
import { axeViolations } from "../test/axe";

const T = "/api/accounts/acct/jobs/job/tasks/t1";

describe("fileLabel", () => {
  it("says a file's size, that it is empty, or that it is not written yet", () => {
    const files = [
      { name: "stdout.txt", isDirectory: false, size: 16 },
      { name: "stderr.txt", isDirectory: false, size: 0 },
    ];
    expect(fileLabel("stdout.txt", files).text).toBe("stdout.txt · 16 B");
    expect(fileLabel("stderr.txt", files)).toEqual({ text: "stderr.txt · empty", empty: true });
    expect(fileLabel("out.log", files)).toEqual({ text: "out.log · not written yet", empty: true });
    expect(fileLabel("stdout.txt", undefined).text).toBe("stdout.txt");
  });
});

describe("FileViewerPage while following", () => {
  it("updates the open tab's size from the stream, not from the polled listing", async () => {
    const encoder = new TextEncoder();
    const first = encoder.encode("line 1 ........\n"); // 16 bytes
    const more = { offset: 16, length: 32, encoding: "utf8", data: "line 2 ........\nline 3 ........\n" };
    const api = fakeApi({
      [`GET ${T}`]: () => ({ id: "t1", state: "running", commandLine: "x", env: [] }),
      [`GET ${T}/files`]: () => ({ items: [{ name: "stdout.txt", isDirectory: false, size: 16 }] }),
      [`GET ${T}/files/content`]: ({ url }) => contentAnswer(first, url),
      // The stream sends 32 more bytes and stays open, as for a task still writing.
      [`GET ${T}/files/follow`]: () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(c) {
              c.enqueue(encoder.encode(`event: data\nid: 48\ndata: ${JSON.stringify(more)}\n\n`));
            },
          }),
          { headers: { "content-type": "text/event-stream" } },
        ),
    });
    const { container } = renderPage({
      api,
      pattern: "/a/:account/jobs/:job/tasks/:task/files/:file",
      url: "/a/acct/jobs/job/tasks/t1/files/stdout.txt",
      element: <FileViewerPage source="task" />,
    });
    // The first test here imports the viewer cold: on a busy machine that alone can take seconds (no time is asserted).
    expect(await screen.findByText("line 3 ........", {}, { timeout: 10_000 })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole("tab", { name: /^stdout\.txt/ }).textContent).toBe("stdout.txt · 48 B"));
    expect(await axeViolations(container)).toEqual([]);
  });
});

describe("FileViewerPage opening", () => {
  const render = (api: ReturnType<typeof fakeApi>) =>
    renderPage({ api, pattern: "/a/:account/jobs/:job/tasks/:task/files/:file", url: "/a/acct/jobs/job/tasks/t1/files/stdout.txt", element: <FileViewerPage source="task" /> });
  const later = <T,>() => {
    let resolve!: (v: T) => void;
    const promise = new Promise<T>((r) => (resolve = r));
    return { promise, resolve };
  };

  it("reads the file at once, in parallel with the task's details, and shows it before they arrive", async () => {
    const file = new TextEncoder().encode("hello\n");
    const details = later<unknown>();
    const api = fakeApi({
      [`GET ${T}`]: () => details.promise,
      [`GET ${T}/files`]: () => ({ items: [] }),
      [`GET ${T}/files/content`]: ({ url }) => contentAnswer(file, url),
      [`GET ${T}/files/follow`]: ({ url }) => {
        expect(url.searchParams.get("from")).toBe("6");
        return new Response(`event: end\ndata: {"reason":"completed","size":6,"exitCode":0}\n\n`, { headers: { "content-type": "text/event-stream" } });
      },
    });
    render(api);
    expect(await screen.findByText("hello")).toBeTruthy();
    // One read (the file's last window, its size unknown), issued without waiting for the details; no follow yet.
    expect(api.calls.filter((c) => c.includes("/files/content"))).toEqual([`GET ${T}/files/content?path=stdout.txt&tail=65600`]);
    expect(api.calls.some((c) => c.includes("/follow"))).toBe(false);
    // The task turns out to be running: following starts where the read ended.
    details.resolve({ id: "t1", state: "running", commandLine: "x", env: [] });
    expect(await screen.findByText("Task completed with exit code 0.")).toBeTruthy();
  });

  it("does not call an empty file empty before the task's state says whether more is coming", async () => {
    const details = later<unknown>();
    let answered = false;
    const api = fakeApi({
      [`GET ${T}`]: () => details.promise,
      [`GET ${T}/files`]: () => ({ items: [] }),
      [`GET ${T}/files/content`]: () => {
        answered = true;
        return new Response(new Uint8Array(0), { status: 200, headers: { "x-file-size": "0" } });
      },
      [`GET ${T}/files/follow`]: () => new Response(new ReadableStream(), { headers: { "content-type": "text/event-stream" } }),
    });
    render(api);
    await waitFor(() => expect(answered).toBe(true));
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
    expect(screen.queryByText("This file is empty.")).toBeNull();
    expect(screen.getByText("Opening stdout.txt…")).toBeTruthy();
    details.resolve({ id: "t1", state: "running", commandLine: "x", env: [] });
    expect(await screen.findByText(/No output yet/)).toBeTruthy();
  });

  it("waits for a running task's missing stdout instead of calling it an error", async () => {
    const api = fakeApi({
      [`GET ${T}`]: () => ({ id: "t1", state: "running", commandLine: "x", env: [] }),
      [`GET ${T}/files`]: () => ({ items: [] }),
      [`GET ${T}/files/content`]: () => {
        throw problem(404, "The specified file does not exist");
      },
      [`GET ${T}/files/follow`]: ({ url }) => {
        expect(url.searchParams.get("from")).toBe("0");
        const data = { offset: 0, length: 6, encoding: "utf8", data: "first\n" };
        return new Response(`event: data\nid: 6\ndata: ${JSON.stringify(data)}\n\n`, { headers: { "content-type": "text/event-stream" } });
      },
    });
    const { queryClient } = render(api);
    expect(await screen.findByText("first")).toBeTruthy();
    expect(screen.queryByText(/does not exist/)).toBeNull();
    // The task completes: what the stream brought stays, and is not called missing.
    act(() => queryClient.setQueryData(jobKeys.task("acct", "job", "t1"), { id: "t1", state: "completed", commandLine: "x", env: [], exitCode: 0 }));
    expect(await screen.findByText("Task completed with exit code 0.")).toBeTruthy();
    expect(screen.getByText("first")).toBeTruthy();
    expect(screen.queryByText(/does not exist/)).toBeNull();
  });

  it("says a completed task's missing file does not exist", async () => {
    const api = fakeApi({
      [`GET ${T}`]: () => ({ id: "t1", state: "completed", commandLine: "x", env: [], exitCode: 0 }),
      [`GET ${T}/files`]: () => ({ items: [] }),
      [`GET ${T}/files/content`]: () => {
        throw problem(404, "The specified file does not exist");
      },
    });
    render(api);
    expect(await screen.findByText("The specified file does not exist")).toBeTruthy();
    expect(api.calls.some((c) => c.includes("/follow"))).toBe(false);
  });

  it("shows a queued task as queued", async () => {
    const api = fakeApi({
      [`GET ${T}`]: () => ({ id: "t1", state: "active", commandLine: "x", env: [] }),
      [`GET ${T}/files/content`]: () => {
        throw problem(404, "The specified file does not exist");
      },
    });
    render(api);
    expect(await screen.findByText(/The task is queued/)).toBeTruthy();
    expect(screen.queryByText(/does not exist/)).toBeNull();
  });
});

describe("FileViewerPage for a saved output", () => {
  it("reads the blob through the saved-outputs routes, never follows it, and names it by its blob name", async () => {
    const body = new TextEncoder().encode("id,value\n1,42\n");
    const api = fakeApi({
      [`GET ${T}/saved-outputs`]: () => ({
        destinations: [{ index: 0, filePattern: "out/*.csv", uploadCondition: "taskSuccess", containerUrl: "https://contosodata.blob.core.windows.net/results", path: "run1", access: "accountKey" }],
        items: [{ path: "0/run1/a.csv", destination: 0, name: "run1/a.csv", size: body.length }],
      }),
      [`GET ${T}/saved-outputs/content`]: ({ url }) => contentAnswer(body, url),
    });
    const { container } = renderPage({
      api,
      pattern: "/a/:account/jobs/:job/tasks/:task/saved-outputs/:file",
      url: "/a/acct/jobs/job/tasks/t1/saved-outputs/0%2Frun1%2Fa.csv",
      element: <FileViewerPage source="savedOutput" />,
    });
    expect(await screen.findByText("1,42", {}, { timeout: 10_000 })).toBeTruthy();
    expect(await screen.findByRole("heading", { name: "run1/a.csv" })).toBeTruthy();
    expect(screen.getByText("Saved outputs")).toBeTruthy();
    expect(api.calls.some((c) => c.includes("/follow"))).toBe(false);
    expect(api.calls.filter((c) => c.startsWith(`GET ${T}/saved-outputs/content`)).every((c) => c.includes("path=0%2Frun1%2Fa.csv"))).toBe(true);
    expect(await axeViolations(container)).toEqual([]);
  });
});
