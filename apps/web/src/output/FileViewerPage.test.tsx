import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import FileViewerPage from "./FileViewerPage";
import { fileLabel } from "./OutputTabs";
import { fakeApi } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { axeViolations } from "../test/axe";

const T = "/api/accounts/acct/jobs/job/tasks/t1";

describe("fileLabel", () => {
  it("prefers the live size of the open file over the older listing", () => {
    const files = [{ name: "stdout.txt", isDirectory: false, size: 16 }];
    expect(fileLabel("stdout.txt", files).text).toBe("stdout.txt · 16 B");
    expect(fileLabel("stdout.txt", files, { name: "stdout.txt", size: 48 }).text).toBe("stdout.txt · 48 B");
    expect(fileLabel("stderr.txt", files, { name: "stdout.txt", size: 48 }).text).toBe("stderr.txt · not written yet");
    // A file the listing has not caught up with yet, but the stream already reads.
    expect(fileLabel("stdout.txt", [], { name: "stdout.txt", size: 5 }).text).toBe("stdout.txt · 5 B");
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
      [`GET ${T}/files/content`]: ({ url }) => {
        const start = Number(url.searchParams.get("start"));
        const end = Number(url.searchParams.get("end"));
        return new Response(first.slice(start, end + 1), { status: 206, headers: { "x-file-size": "16" } });
      },
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
    expect(await screen.findByText("line 3 ........")).toBeTruthy();
    await waitFor(() => expect(screen.getByRole("tab", { name: /^stdout\.txt/ }).textContent).toBe("stdout.txt · 48 B"));
    expect(await axeViolations(container)).toEqual([]);
  });
});
