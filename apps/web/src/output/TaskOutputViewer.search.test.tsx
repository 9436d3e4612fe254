import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TaskOutputViewer } from "./TaskOutputViewer";
import { taskFileSource } from "./outputSource";
import { contentAnswer, searchAnswer } from "./fakeContentRoute";
import { installScrollModel } from "./jsdomScroll";
import { fakeApi, type Handler } from "../test/fakeApi";
import { renderPage } from "../test/renderPage";
import { axeViolations } from "../test/axe";

/*
 * Search past the loaded lines: the viewer holds the last 64 KiB of a ~620 KB file, and next /
 * previous go on through the whole file with the BFF's search route (faked on the same bytes).
 */
const CONTENT = "/api/accounts/acct/jobs/job/tasks/t1/files/content";
const SEARCH = "/api/accounts/acct/jobs/job/tasks/t1/files/search";
const source = taskFileSource("acct", "job", "t1", "stdout.txt");

/** 20,000 numbered lines; `extra` replaces a line's text, e.g. { 100: "Fatal ERROR" }. */
const fileOf = (extra: Record<number, string> = {}) =>
  new TextEncoder().encode(Array.from({ length: 20_000 }, (_, i) => extra[i + 1] ?? `line ${i + 1} ${"x".repeat(20)}`).join("\n") + "\n");
const offsetOf = (file: Uint8Array, text: string) => Buffer.from(file).indexOf(text);

let uninstallScroll: () => void;
beforeAll(() => void (uninstallScroll = installScrollModel()));
afterAll(() => uninstallScroll());
afterEach(() => window.history.replaceState(null, "", "/"));

function render(file: Uint8Array, search: Handler) {
  const searches: string[] = [];
  const api = fakeApi({
    [`GET ${CONTENT}`]: ({ url }) => contentAnswer(file, url),
    [`GET ${SEARCH}`]: (init) => {
      searches.push(`${init.url.searchParams.get("direction")} from ${init.url.searchParams.get("from")}`);
      return search(init);
    },
  });
  const { container } = renderPage({ api, pattern: "/out", url: "/out", element: <TaskOutputViewer source={source} follow={false} /> });
  return { api, searches, container };
}

const searchBox = () => screen.getByRole("searchbox", { name: "Search output" });
/** The shown row marked as the link target, which a found match becomes. */
const targetRow = () => document.querySelector('[aria-current="location"]');

/** Never answers; rejects when the request is aborted, as fetch does. */
const hanging = (aborted: { count: number }): Handler => ({ signal }) =>
  new Promise((_, reject) =>
    signal?.addEventListener("abort", () => {
      aborted.count++;
      reject(new DOMException("aborted", "AbortError"));
    }),
  );

describe("TaskOutputViewer whole-file search", () => {
  it("offers to search the whole file when nothing loaded matches, then opens the match and marks it", async () => {
    const file = fileOf({ 100: "line 100 Fatal ERROR here" });
    const { searches, container } = render(file, ({ url }) => searchAnswer(file, url));
    await screen.findByText(`line 20000 ${"x".repeat(20)}`);
    await userEvent.type(searchBox(), "error");
    expect(screen.getByText("None loaded")).toBeTruthy();
    expect(screen.getByText("No matches in the loaded lines.")).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.click(screen.getByRole("button", { name: "Search whole file" }));
    // The tail is loaded, so the find wraps around: from the file's start up to the window.
    await waitFor(() => expect(targetRow()?.textContent).toContain("Fatal ERROR here"));
    expect(searches).toEqual(["forward from 0"]);
    expect(window.location.hash).toBe(`#b=${offsetOf(file, "ERROR")}`);
    expect(await screen.findByText("1 of 1 loaded")).toBeTruthy();
    const marks = targetRow()!.querySelectorAll("mark");
    expect([...marks].map((m) => m.textContent)).toEqual(["ERROR"]);
    expect(screen.queryByText("No matches in the loaded lines.")).toBeNull();
  });

  it("goes back past the first loaded match with Previous, and on past the last with Next", async () => {
    const file = fileOf({ 50: "line 50 error early", 60: "line 60 error later", 19_990: "line 19990 error late" });
    const { searches } = render(file, ({ url }) => searchAnswer(file, url));
    await screen.findByText(`line 20000 ${"x".repeat(20)}`);
    await userEvent.type(searchBox(), "error");
    expect(await screen.findByText("1 of 1 loaded")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Previous match" }));
    // The nearest match before the window: line 60. Its window holds line 50 too; line 60's is current.
    await waitFor(() => expect(targetRow()?.textContent).toContain("line 60 error later"));
    expect(window.location.hash).toBe(`#b=${offsetOf(file, "error later")}`);
    expect(searches).toEqual([`backward from ${file.length - 65536}`]);
    expect(await screen.findByText("2 of 2 loaded")).toBeTruthy();
    // Within the loaded lines Previous moves as before, without asking the BFF.
    await userEvent.click(screen.getByRole("button", { name: "Previous match" }));
    expect(screen.getByText("1 of 2 loaded")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Next match" }));
    // Now mid-file (neither start nor end loaded): Next past the last loaded match searches on from the loaded end.
    await userEvent.click(screen.getByRole("button", { name: "Next match" }));
    await waitFor(() => expect(targetRow()?.textContent).toContain("line 19990 error late"));
    expect(searches).toHaveLength(2);
    expect(searches[1]).toMatch(/^forward from \d+$/);
    expect(await screen.findByText("1 of 1 loaded")).toBeTruthy();
  });

  it("shows progress over several requests and can be cancelled", async () => {
    const file = fileOf();
    const aborted = { count: 0 };
    let calls = 0;
    const { container } = render(file, (init) => (++calls === 1 ? searchAnswer(file, init.url, 100_000) : hanging(aborted)(init)));
    await screen.findByText(`line 20000 ${"x".repeat(20)}`);
    await userEvent.type(searchBox(), "nothing{Enter}");
    expect(await screen.findByText(/Searching onward through the file… 98 KB of \d+ KB/)).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.click(screen.getByRole("button", { name: "Cancel search" }));
    expect(await screen.findByText(/Search cancelled after 98 KB of \d+ KB\./)).toBeTruthy();
    expect(aborted.count).toBe(1);
  });

  it("cancels a running search when the search text changes", async () => {
    const file = fileOf();
    const aborted = { count: 0 };
    render(file, hanging(aborted));
    await screen.findByText(`line 20000 ${"x".repeat(20)}`);
    await userEvent.type(searchBox(), "nothing{Enter}");
    expect(await screen.findByText(/Searching onward/)).toBeTruthy();
    await userEvent.type(searchBox(), "s");
    await waitFor(() => expect(aborted.count).toBe(1));
    expect(screen.queryByText(/Searching onward/)).toBeNull();
  });

  it("says clearly when the whole file has no match", async () => {
    const file = fileOf();
    render(file, ({ url }) => searchAnswer(file, url, 200_000));
    await screen.findByText(`line 20000 ${"x".repeat(20)}`);
    await userEvent.type(searchBox(), "nothing{Enter}");
    expect(await screen.findByText(/“nothing” is not in the whole file \(\d+ KB searched\)\./)).toBeTruthy();
  });

  it("wraps to the first loaded match when nothing outside the window matches", async () => {
    const file = fileOf({ 19_995: "line 19995 warn one", 19_998: "line 19998 warn two" });
    const { searches } = render(file, ({ url }) => searchAnswer(file, url));
    await screen.findByText(`line 20000 ${"x".repeat(20)}`);
    await userEvent.type(searchBox(), "warn");
    await userEvent.click(screen.getByRole("button", { name: "Next match" }));
    expect(screen.getByText("2 of 2 loaded")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Next match" }));
    expect(await screen.findByText("No more matches after the loaded lines: back to the first one.")).toBeTruthy();
    expect(screen.getByText("1 of 2 loaded")).toBeTruthy();
    expect(searches).toEqual(["forward from 0"]);
  });
});
