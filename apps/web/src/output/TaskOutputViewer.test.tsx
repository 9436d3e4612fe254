import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { TaskOutputViewer } from "./TaskOutputViewer";
import { taskFileSource } from "./outputSource";
import { contentAnswer, describeRead } from "./fakeContentRoute";
import { fakeApi } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { axeViolations } from "../test/axe";
import { installScrollModel } from "./jsdomScroll";

const E = "\u001b";
const CONTENT = "/api/accounts/acct/jobs/job/tasks/t1/files/content";
const FOLLOW = "/api/accounts/acct/jobs/job/tasks/t1/files/follow";

/** A fake file served like the BFF's content route (byte ranges or `tail`), logging each read. */
function rangeHandler(file: Uint8Array, log: string[] = []) {
  return ({ url }: { url: URL }) => {
    log.push(describeRead(url));
    return contentAnswer(file, url);
  };
}

/** The one read that opens the tail: a window plus the look-behind that finds its clean start. */
const TAIL = "tail=65600";

const source = taskFileSource("acct", "job", "t1", "stdout.txt");

let uninstallScroll: () => void;
beforeAll(() => void (uninstallScroll = installScrollModel()));
afterAll(() => uninstallScroll());

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
    // One read of the last window, size unknown: the BFF resolves `tail`, with 64 bytes of
    // look-behind to find a clean place to start.
    expect(log).toEqual([TAIL]);
    // Only a screenful of lines is in the DOM.
    expect(container.querySelectorAll("[data-index]").length).toBeLessThan(200);
    expect(screen.getByText(/before this point are not loaded/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Load earlier" }));
    await waitFor(() => expect(log).toHaveLength(2));
    expect(log[1]).toBe(`${file.length - 2 * 65536 - 64}-${file.length - 65536 - 1}`);
    // Before the file start is loaded, numbers are relative (+N) and link by byte offset.
    const relative = screen.getAllByRole("link", { name: /^\+\d+$/ })[0]!;
    expect(relative.getAttribute("href")).toMatch(/^#b=\d+$/);
  });

  it("opens the tail in one read when the page's listing gave the size", async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i + 1} ${"x".repeat(20)}`).join("\n") + "\n";
    const file = new TextEncoder().encode(lines);
    const log: string[] = [];
    const api = fakeApi({ [`GET ${CONTENT}`]: rangeHandler(file, log) });
    renderPage({ api, pattern: "/out", url: "/out", element: <TaskOutputViewer source={source} follow={false} sizeHint={file.length} /> });
    expect(await screen.findByText(`line 20000 ${"x".repeat(20)}`)).toBeTruthy();
    expect(log).toEqual([TAIL]);
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
    expect(screen.getAllByRole("link", { name: "2" })[0]!.getAttribute("href")).toBe("#L2");
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
  const current = (container: HTMLElement) => container.querySelector('[aria-current="location"]');
  const withHash = async (hash: string, run: () => Promise<void>) => {
    window.history.replaceState(null, "", hash);
    try {
      await run();
    } finally {
      window.history.replaceState(null, "", "#");
    }
  };

  it("opens at the file start for #L3 (and the older #line-3), highlights it, and links other lines without reopening", async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `row ${i + 1}`).join("\n") + "\n";
    const file = new TextEncoder().encode(lines);
    for (const hash of ["#L3", "#line-3"]) {
      await withHash(hash, async () => {
        const log: string[] = [];
        const api = fakeApi({ [`GET ${CONTENT}`]: rangeHandler(file, log) });
        const { container, unmount } = render(api);
        expect(await screen.findByText("row 3")).toBeTruthy();
        // The first window both tells the size and holds the line: one request.
        expect(log).toEqual(["0-65535"]);
        expect(current(container)?.textContent).toBe("3row 3");
        // Linking another line highlights it without reopening the file.
        await userEvent.click(screen.getByRole("link", { name: "5" }));
        expect(window.location.hash).toBe("#L5");
        await waitFor(() => expect(current(container)?.textContent).toBe("5row 5"));
        expect(log).toHaveLength(1);
        unmount();
      });
    }
  });

  it("reads on from the start in bounded steps to reach a line beyond the first window", async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `row ${i + 1}`).join("\n") + "\n";
    const file = new TextEncoder().encode(lines);
    await withHash("#L15000", async () => {
      const log: string[] = [];
      const api = fakeApi({ [`GET ${CONTENT}`]: rangeHandler(file, log) });
      const { container } = render(api);
      await waitFor(() => expect(current(container)?.textContent).toBe("15000row 15000"));
      expect(log).toEqual(["0-65535", `65536-${file.length - 1}`]);
    });
  });

  it("says so when the linked line does not exist", async () => {
    await withHash("#L99", async () => {
      const api = fakeApi({ [`GET ${CONTENT}`]: rangeHandler(new TextEncoder().encode("a\nb\n")) });
      render(api);
      expect(await screen.findByText(/The file has 2 lines; line 99 does not exist/)).toBeTruthy();
    });
  });

  it("opens a window around #b=offset in the middle of a large file, with relative numbers", async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `row ${i + 1}`).join("\n") + "\n";
    const file = new TextEncoder().encode(lines);
    const offset = lines.indexOf("row 50000\n");
    await withHash(`#b=${offset + 2}`, async () => {
      const log: string[] = [];
      const api = fakeApi({ [`GET ${CONTENT}`]: rangeHandler(file, log) });
      const { container } = render(api);
      await waitFor(() => expect(current(container)?.textContent).toMatch(/^\+\d+row 50000$/));
      // One request: the window around the byte needs no size first, its answer reports it.
      expect(log).toEqual([`${offset + 2 - 32768 - 64}-${offset + 2 + 32768 - 1}`]);
      const link = current(container)!.querySelector("a")!;
      expect(link.getAttribute("href")).toBe(`#b=${offset}`);
      // Neither end is loaded: both ways are offered; "Jump to end" reopens at the tail.
      expect(screen.getByRole("button", { name: "Load earlier" })).toBeTruthy();
      await userEvent.click(screen.getByRole("button", { name: "Jump to end" }));
      expect(await screen.findByText("row 100000")).toBeTruthy();
      // The tail in one read, wherever the file ends by now.
      expect(log.at(-1)).toBe(TAIL);
      expect(log).toHaveLength(2);
      expect(window.location.hash).toBe("");
    });
  });
});

describe("TaskOutputViewer hash changes", () => {
  it("goes to a link changed in place, reading its window when it is not loaded", async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `row ${i + 1}`).join("\n") + "\n";
    const file = new TextEncoder().encode(lines);
    const log: string[] = [];
    const api = fakeApi({ [`GET ${CONTENT}`]: rangeHandler(file, log) });
    const { container } = render(api);
    await screen.findByText("row 100000");
    const offset = lines.indexOf("row 777\n");
    try {
      act(() => {
        window.history.replaceState(null, "", `#b=${offset}`);
        window.dispatchEvent(new HashChangeEvent("hashchange"));
      });
      await waitFor(() => expect(container.querySelector('[aria-current="location"]')?.textContent).toBe("777row 777"), { timeout: 5_000 }); // the window reaches the file start: numbered
      expect(log.at(-1)).toBe("0-65535");
    } finally {
      window.history.replaceState(null, "", "#");
    }
  });
});

describe("TaskOutputViewer across window boundaries", () => {
  it("never starts a window inside an escape sequence or a character, and colours later windows from earlier escapes", async () => {
    // A red block opened at the top; the tail window would start inside the "ESC[1;31m" of a later line.
    const filler = Array.from({ length: 4000 }, (_, i) => `plain ${i}`).join("\n");
    const head = `${E}[31mred from the start\n${filler}\nmarker ✓${E}[1;31mbold red\n`;
    const tail = Array.from({ length: 3000 }, (_, i) => `tail ${i}`).join("\n") + "\n";
    const encoder = new TextEncoder();
    const escAt = encoder.encode(head).length - `${E}[1;31mbold red\n`.length + 3; // inside the sequence
    const pad = "p".repeat(Math.max(0, 65536 - (encoder.encode(head).length - escAt) - encoder.encode(tail).length - 1));
    const file = encoder.encode(`${head}${pad}\n${tail}`);
    expect(file.length - 65536).toBe(escAt);
    const log: string[] = [];
    const api = fakeApi({ [`GET ${CONTENT}`]: rangeHandler(file, log) });
    const { container } = render(api);
    await screen.findByText("tail 2999");
    const log_ = screen.getByRole("log");
    act(() => log_.scrollTo({ top: 0 }));
    // The cut line starts after the sequence: no "1;31m" shows.
    const first = await waitFor(() => container.querySelector('[data-index="0"]')!);
    expect(first.textContent).toBe("…bold red");
    // Opened mid-file, the window cannot know the red opened 60 KiB before it.
    expect(screen.getByText("tail 0").getAttribute("style") ?? "").not.toContain("Red");
    await userEvent.click(screen.getByRole("button", { name: "Load earlier" }));
    await waitFor(() => expect(log).toHaveLength(2));
    // Now contiguous with the file start: the red carries into the later window.
    await waitFor(() => expect(screen.getByText("tail 0").getAttribute("style")).toContain("--colorPaletteRedForeground1"));
    // The view stayed on the same text: the formerly first line is still at the top.
    expect(log_.scrollTop).toBe(4001 * 20);
    expect(screen.getByText("bold red").getAttribute("style")).toContain("--fontWeightBold");
    expect(container.textContent).not.toContain("\ufffd");
  });
});

describe("TaskOutputViewer memory while following", () => {
  it("keeps a bounded window, drops the oldest lines and fetches them again by byte range", async () => {
    const encoder = new TextEncoder();
    const line = (n: number) => `line ${String(n).padStart(7, "0")} ${"y".repeat(50)}\n`; // 64 bytes
    const first = encoder.encode(line(1));
    const MiB = 1024 * 1024;
    const perChunk = MiB / 64;
    const chunks: string[] = [];
    let offset = first.length;
    for (let c = 0; c < 6; c++) {
      const data = Array.from({ length: perChunk }, (_, i) => line(2 + c * perChunk + i)).join("");
      chunks.push(`event: data\ndata: ${JSON.stringify({ offset, length: data.length, encoding: "utf8", data })}\n\n`);
      offset += data.length;
    }
    const total = offset;
    const whole = new Uint8Array(total);
    whole.set(first, 0);
    let at = first.length;
    for (let n = 2; at < total; n++) {
      whole.set(encoder.encode(line(n)), at);
      at += 64;
    }
    const log: string[] = [];
    let calls = 0;
    const api = fakeApi({
      [`GET ${CONTENT}`]: ({ url }) => {
        // The open (one read: the file is shorter than a window) sees only the first line; later reads see the whole file.
        log.push(describeRead(url));
        return contentAnswer(calls++ < 1 ? first : whole, url);
      },
      [`GET ${FOLLOW}`]: () => new Response(chunks.join("") + `event: end\ndata: {"reason":"completed","size":${total},"exitCode":0}\n\n`, { headers: { "content-type": "text/event-stream" } }),
    });
    const { container } = render(api, true);
    // 6 MiB through the SSE parser takes a while on a busy machine: a generous wait, no timing asserted.
    expect(await screen.findByText("Task completed with exit code 0.", {}, { timeout: 30_000 })).toBeTruthy();
    await screen.findByText(line(perChunk * 6 + 1).trim(), {}, { timeout: 10_000 });
    // 6 MiB streamed; at most the 4 MiB cap stays loaded, the rest is offered as "load earlier".
    const notLoaded = screen.getByText(/before this point are not loaded/).textContent!;
    const dropped = Number(/^([\d.]+) MB/.exec(notLoaded)![1]) * MiB;
    expect(dropped).toBeGreaterThanOrEqual(total - 4 * MiB - MiB / 10);
    expect(screen.queryByText(line(1).trim())).toBeNull();
    // Numbers stay the file's own, since its start was seen.
    expect(notLoaded).toContain("Line numbers are the file's own.");
    const last = container.querySelector("[aria-current], [data-index]:last-child")!;
    expect(last.textContent).toMatch(/^\d+line/);
    await userEvent.click(screen.getByRole("button", { name: "Load earlier" }));
    await waitFor(() => expect(log).toHaveLength(2));
    const [start, end] = log[1]!.split("-").map(Number);
    expect(end! - start!).toBe(65536 - 1 + 64);
    expect((end! + 1) % 64).toBe(0); // the window before ends where the loaded lines begin
  });
});

describe("TaskOutputViewer memory while reading back", () => {
  /** A running task's stream the test feeds, in whole MiB of numbered 64-byte lines. */
  function liveFile() {
    const encoder = new TextEncoder();
    const line = (n: number) => `line ${String(n).padStart(7, "0")} ${"z".repeat(50)}\n`;
    const first = encoder.encode(line(1));
    let next = 2;
    let offset = first.length;
    let push!: (text: string) => void;
    const follows: string[] = [];
    const api = fakeApi({
      [`GET ${CONTENT}`]: rangeHandler(first),
      [`GET ${FOLLOW}`]: ({ url }) => {
        follows.push(url.searchParams.get("from")!);
        return new Response(
          new ReadableStream<Uint8Array>({
            start(c) {
              push = (text) => c.enqueue(encoder.encode(text));
            },
          }),
          { headers: { "content-type": "text/event-stream" } },
        );
      },
    });
    const write = (mib: number) => {
      const data = Array.from({ length: (mib * 1024 * 1024) / 64 }, () => line(next++)).join("");
      push(`event: data\ndata: ${JSON.stringify({ offset, length: data.length, encoding: "utf8", data })}\n\n`);
      offset += data.length;
      return line(next - 1).trim();
    };
    return { api, write, follows, ready: () => waitFor(() => expect(push).toBeDefined()) };
  }
  const topText = (container: HTMLElement, log: HTMLElement) => container.querySelector(`[data-index="${Math.floor(log.scrollTop / 20)}"]`)?.textContent;
  const wait = { timeout: 30_000 };

  it("pauses following at the hard limit rather than drop the old lines being read", async () => {
    const file = liveFile();
    const { container } = render(file.api, true);
    await file.ready();
    await screen.findByText(file.write(3), {}, wait);
    // The reader scrolls up to line 20,000 and reads there: no longer at the live edge.
    const log = screen.getByRole("log");
    act(() => log.scrollTo({ top: 19_999 * 20 }));
    await waitFor(() => expect(topText(container, log)).toMatch(/^20000line 0020000/));
    // 6 MiB more passes the 8 MiB hard limit: the newest go, following pauses, the view stays.
    file.write(6);
    expect(await screen.findByText(/after this point are not loaded; following resumes at the end/, {}, wait)).toBeTruthy();
    await waitFor(() => expect(screen.queryByText("Following")).toBeNull());
    expect(topText(container, log)).toMatch(/^20000line 0020000/);
    expect(screen.queryByText(/before this point are not loaded/)).toBeNull();
    // "Jump to end" reopens at the tail and follows from there.
    await userEvent.click(screen.getByRole("button", { name: "Jump to end" }));
    await waitFor(() => expect(file.follows).toHaveLength(2));
  });

  it("drops the oldest lines at the hard limit without moving the newer text being read", async () => {
    const file = liveFile();
    const { container } = render(file.api, true);
    await file.ready();
    await screen.findByText(file.write(3), {}, wait);
    // The reader scrolls up a little while the task writes 4 MiB more (under the hard limit: all kept)…
    const log = screen.getByRole("log");
    act(() => log.scrollTo({ top: 20_000 * 20 }));
    file.write(4);
    await waitFor(() => expect(log.scrollHeight).toBeGreaterThan(114_000 * 20), wait);
    // …then reads in the newer half, near (not at) the end.
    const top = (114_690 - 3_000) * 20;
    act(() => log.scrollTo({ top }));
    const reading = topText(container, log)!.slice(0, 30);
    expect(reading).toMatch(/^111691line 0111691/);
    // Past the hard limit the oldest go; the line at the top stays at the top.
    file.write(2);
    await waitFor(() => expect(log.scrollTop).toBeLessThan(top), wait);
    expect(topText(container, log)!.slice(0, 30)).toBe(reading);
    expect(screen.getByText(/before this point are not loaded/)).toBeTruthy();
    expect(screen.getByText("Following")).toBeTruthy();
  });
});

describe("TaskOutputViewer search while following", () => {
  it("goes to a match once, and new output does not pull the view back to it", async () => {
    const encoder = new TextEncoder();
    const initial = encoder.encode("an error here\n" + Array.from({ length: 2000 }, (_, i) => `row ${i}`).join("\n") + "\n");
    let push!: (text: string) => void;
    const api = fakeApi({
      [`GET ${CONTENT}`]: rangeHandler(initial),
      [`GET ${FOLLOW}`]: () =>
        new Response(new ReadableStream<Uint8Array>({ start: (c) => void (push = (t) => c.enqueue(encoder.encode(t))) }), { headers: { "content-type": "text/event-stream" } }),
    });
    render(api, true);
    await waitFor(() => expect(push).toBeDefined());
    await userEvent.type(screen.getByRole("searchbox", { name: "Search output" }), "error");
    expect(await screen.findByText("1 of 1")).toBeTruthy();
    const log = screen.getByRole("log");
    await waitFor(() => expect(log.scrollTop).toBeLessThan(600));
    // The reader moves on; the task writes more.
    act(() => log.scrollTo({ top: 1000 * 20 }));
    const height = log.scrollHeight;
    const chunk = { offset: initial.length, length: 5, encoding: "utf8", data: "more\n" };
    push(`event: data\ndata: ${JSON.stringify(chunk)}\n\n`);
    await waitFor(() => expect(log.scrollHeight).toBe(height + 20));
    await new Promise((r) => setTimeout(r, 50)); // let effects of that render run
    expect(log.scrollTop).toBe(1000 * 20);
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
