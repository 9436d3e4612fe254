import { describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { TaskOutputViewer } from "./TaskOutputViewer";
import { taskFileSource } from "./outputSource";
import { fakeApi } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { axeViolations } from "../test/axe";

const E = "\u001b";
const CONTENT = "/api/accounts/acct/jobs/job/tasks/t1/files/content";
const FOLLOW = "/api/accounts/acct/jobs/job/tasks/t1/files/follow";

/** A fake file served by byte range, like the BFF's content route (inclusive ends, x-file-size). */
function rangeHandler(file: Uint8Array, log: string[] = []) {
  return ({ url }: { url: URL }) => {
    const start = Number(url.searchParams.get("start"));
    const end = Number(url.searchParams.get("end"));
    log.push(`${start}-${end}`);
    return new Response(file.slice(start, end + 1), { status: 206, headers: { "x-file-size": String(file.length) } });
  };
}

const source = taskFileSource("acct", "job", "t1", "stdout.txt");

function render(api: ReturnType<typeof fakeApi>, follow = false) {
  return renderPage({ api, pattern: "/out", url: "/out", element: <TaskOutputViewer source={source} follow={follow} /> });
}

describe("TaskOutputViewer", () => {
  it("shows markup in output as text and never runs it", async () => {
    const text = `<script>window.__pwned = true</script>\n<img src=x onerror="window.__pwned=true">\n${E}[31mred${E}[0m\n`;
    const api = fakeApi({ [`GET ${CONTENT}`]: rangeHandler(new TextEncoder().encode(text)) });
    const { container } = render(api);
    expect(await screen.findByText("<script>window.__pwned = true</script>")).toBeTruthy();
    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("img")).toBeNull();
    expect((window as unknown as { __pwned?: boolean }).__pwned).toBeUndefined();
    const red = screen.getByText("red");
    expect(red.getAttribute("style")).toContain("--colorPaletteRedForeground1");
    expect(await axeViolations(container)).toEqual([]);
  });

  it("opens a large file at its last 64 KiB and loads earlier windows on demand", async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i + 1} ${"x".repeat(20)}`).join("\n") + "\n";
    const file = new TextEncoder().encode(lines);
    const log: string[] = [];
    const api = fakeApi({ [`GET ${CONTENT}`]: rangeHandler(file, log) });
    const { container } = render(api);
    const shown = await screen.findAllByText(/^line \d+ x+$/);
    // The window holds only the end of the file: no early line is loaded.
    expect(Number(/line (\d+)/.exec(shown[0]!.textContent!)![1])).toBeGreaterThan(17_000);
    expect(log).toEqual(["0-0", `${file.length - 65536}-${file.length - 1}`]);
    // Only a screenful of lines is in the DOM.
    expect(container.querySelectorAll("[data-index]").length).toBeLessThan(200);
    expect(screen.getByText(/before this point are not loaded/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Load earlier" }));
    await waitFor(() => expect(log).toHaveLength(3));
    expect(log[2]).toBe(`${file.length - 2 * 65536}-${file.length - 65536 - 1}`);
  });

  it("follows the live stream and reports the exit code", async () => {
    const initial = new TextEncoder().encode("first\n");
    const chunk = { offset: 6, length: 7, encoding: "utf8", data: "second\n" };
    const sse = `event: data\nid: 13\ndata: ${JSON.stringify(chunk)}\n\nevent: end\ndata: {"reason":"completed","size":13,"exitCode":3}\n\n`;
    const api = fakeApi({
      [`GET ${CONTENT}`]: rangeHandler(initial),
      [`GET ${FOLLOW}`]: ({ url }) => {
        expect(url.searchParams.get("from")).toBe("6");
        return new Response(sse, { headers: { "content-type": "text/event-stream" } });
      },
    });
    render(api, true);
    expect(await screen.findByText("second")).toBeTruthy();
    expect(await screen.findByText("Task completed with exit code 3.")).toBeTruthy();
  });

  it("finds matches and moves between them", async () => {
    const api = fakeApi({ [`GET ${CONTENT}`]: rangeHandler(new TextEncoder().encode("alpha\nerror one\nbeta\nerror two\n")) });
    const { container } = render(api);
    await screen.findByText("alpha");
    await userEvent.type(screen.getByRole("searchbox", { name: "Search output" }), "error");
    expect(await screen.findByText("1 of 2")).toBeTruthy();
    expect(container.querySelectorAll("mark")).toHaveLength(2);
    await userEvent.click(screen.getByRole("button", { name: "Next match" }));
    expect(screen.getByText("2 of 2")).toBeTruthy();
    expect(screen.getAllByRole("link", { name: "2" })[0]!.getAttribute("href")).toBe("#line-2");
  });

  it("says when the file is empty", async () => {
    const api = fakeApi({ [`GET ${CONTENT}`]: rangeHandler(new Uint8Array(0)) });
    render(api);
    expect(await screen.findByText("This file is empty.")).toBeTruthy();
  });
});

describe("TaskOutputViewer download", () => {
  it("mints a one-time link and lets the browser stream it to disk, never reading the bytes itself", async () => {
    const TICKET = "/api/accounts/acct/jobs/job/tasks/t1/files/download-ticket";
    const link = "/api/accounts/acct/jobs/job/tasks/t1/files/ticket-download?path=stdout.txt&ticket=abc";
    const clicked: { href: string; download: string }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.getAttribute("href")!, download: this.download });
    });
    try {
      const api = fakeApi({
        [`GET ${CONTENT}`]: rangeHandler(new TextEncoder().encode("hello\n")),
        [`POST ${TICKET}?path=stdout.txt`]: () => ({ url: link, expiresAt: new Date().toISOString() }),
      });
      render(api);
      await screen.findByText("hello");
      await userEvent.click(screen.getByRole("button", { name: "Download" }));
      await waitFor(() => expect(clicked).toEqual([{ href: link, download: "stdout.txt" }]));
      // Only the ticket was asked for: the file's bytes went to the browser's download, not to fetch.
      expect(api.calls.filter((c) => !c.startsWith(`GET ${CONTENT}`))).toEqual([`POST ${TICKET}?path=stdout.txt`]);
    } finally {
      click.mockRestore();
    }
  });
});

describe("TaskOutputViewer deep links", () => {
  it("opens at the file start for #line-N so the line has its number", async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `row ${i + 1}`).join("\n") + "\n";
    const file = new TextEncoder().encode(lines);
    const log: string[] = [];
    window.history.replaceState(null, "", "#line-3");
    try {
      const api = fakeApi({ [`GET ${CONTENT}`]: rangeHandler(file, log) });
      const { container } = render(api);
      expect(await screen.findByText("row 3")).toBeTruthy();
      expect(log).toEqual(["0-0", "0-65535"]);
      // The linked line is highlighted, its neighbours are not.
      expect(container.querySelector("#line-3")!.className).not.toBe(container.querySelector("#line-4")!.className);
      // Linking another line highlights it without reopening the file.
      await userEvent.click(screen.getByRole("link", { name: "5" }));
      expect(window.location.hash).toBe("#line-5");
      await waitFor(() => expect(container.querySelector("#line-5")!.className).not.toBe(container.querySelector("#line-4")!.className));
      expect(container.querySelector("#line-3")!.className).toBe(container.querySelector("#line-4")!.className);
      expect(log).toHaveLength(2);
    } finally {
      window.history.replaceState(null, "", "#");
    }
  });
});

describe("TaskOutputViewer when the task completes", () => {
  /** The task page in miniature: its poll may report "completed" while the stream still runs. */
  function Harness() {
    const [done, setDone] = useState(false);
    return (
      <>
        <button type="button" onClick={() => setDone(true)}>
          poll says completed
        </button>
        <TaskOutputViewer source={source} follow={!done} completed={done ? "Task completed with exit code 0." : undefined} />
      </>
    );
  }

  it("keeps following after the poll sees completed, and shows the completion line at once", async () => {
    const encoder = new TextEncoder();
    let push!: (text: string) => void;
    let close!: () => void;
    let followSignal: AbortSignal | undefined;
    const api = fakeApi({
      [`GET ${CONTENT}`]: rangeHandler(encoder.encode("first\n")),
      [`GET ${FOLLOW}`]: ({ signal }) => {
        followSignal = signal;
        const body = new ReadableStream<Uint8Array>({
          start(c) {
            push = (text) => c.enqueue(encoder.encode(text));
            close = () => c.close();
          },
        });
        return new Response(body, { headers: { "content-type": "text/event-stream" } });
      },
    });
    const { container } = renderPage({ api, pattern: "/out", url: "/out", element: <Harness /> });
    expect(await screen.findByText("Following")).toBeTruthy();
    await waitFor(() => expect(push).toBeDefined());
    // The badge's spinner is no nameless progressbar.
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.click(screen.getByRole("button", { name: "poll says completed" }));
    // The line comes from the task's state; the stream is not torn down.
    expect(await screen.findByText("Task completed with exit code 0.")).toBeTruthy();
    expect(followSignal?.aborted).toBe(false);
    expect(screen.getByText("Following")).toBeTruthy();
    // The last bytes still arrive, then the stream's end stops following; the line shows once.
    const chunk = { offset: 6, length: 5, encoding: "utf8", data: "last\n" };
    push(`event: data\nid: 11\ndata: ${JSON.stringify(chunk)}\n\nevent: end\ndata: {"reason":"completed","size":11,"exitCode":0}\n\n`);
    close();
    expect(await screen.findByText("last")).toBeTruthy();
    await waitFor(() => expect(screen.queryByText("Following")).toBeNull());
    expect(screen.getAllByText("Task completed with exit code 0.")).toHaveLength(1);
    expect(api.calls.filter((c) => c.startsWith(`GET ${FOLLOW}`))).toHaveLength(1);
    expect(await axeViolations(container)).toEqual([]);
  });
});
