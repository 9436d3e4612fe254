/**
 * Output viewer on a 1 GiB stdout.txt: a real task (process runtime) writes 1 GiB of numbered,
 * varied lines; then in Chromium: time from navigation to the first lines painted (a cold page load
 * of the file's URL, and an in-app navigation from the job page), and the JS heap after opening and
 * after reading back ("Load earlier") and scrolling; then search past the loaded lines, which the BFF
 * runs over the whole file. Goals (issue 6): open ≤ 300 ms, memory ≤ 64 MB.
 *   pnpm --filter @batch-studio/bench bench:viewer-1gib
 */
import type { CDPSession, Page } from "playwright-core";
import { addPlainPool, pollUntil } from "./batch-fixtures";
import { distribution } from "./distribution";
import { runBrowserBench, verdict } from "./harness";

const GIB = 1024 * 1024 * 1024;
const POOL = "viewer-bench-pool";
const JOB = "viewer-bench-job";
const TASK = "one-gib-stdout";
const FULL_LOADS = 3;
const IN_APP_OPENS = 5;
const LOAD_EARLIER_CLICKS = 10;
const OPEN_GOAL_MS = 300;
const MEMORY_GOAL_MB = 64;
const LINE = /^output line \d{10}: /;

/**
 * Batch splits the command line into argv without a shell (apps/emulator/src/batch/runtime/
 * command-line.ts), so the pipeline runs under `/bin/sh -c "…"`. seq numbers every line (about
 * 100 bytes each, ~11 million lines); head stops at exactly 1 GiB.
 */
const COMMAND = `/bin/sh -c "seq -f 'output line %010.0f: the quick brown fox jumps over the lazy dog; lorem ipsum dolor sit amet' 1 20000000 | head -c ${GIB}"`;

interface LinesProbe {
  /** performance.now() when the first output line was painted. */
  visibleAt?: number;
  text?: string;
}

/** Waits for the first line of the viewer's log in the DOM, then for the frame that paints it. */
function installLinesProbe() {
  const probe: LinesProbe = {};
  (window as unknown as { __linesProbe: LinesProbe }).__linesProbe = probe;
  const observer = new MutationObserver(() => {
    const line = document.querySelector('[role="log"] [data-index]');
    if (!line?.textContent || probe.text !== undefined) return;
    probe.text = line.textContent;
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (probe.visibleAt = performance.now());
      channel.port2.postMessage(0);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function waitForLines(page: Page, what: string): Promise<LinesProbe> {
  await page
    .waitForFunction(() => (window as unknown as { __linesProbe?: LinesProbe }).__linesProbe?.visibleAt !== undefined, undefined, { timeout: 60_000 })
    .catch(() => {
      throw new Error(`${what}: no output line was painted within 60 s`);
    });
  const probe = await page.evaluate(() => (window as unknown as { __linesProbe: LinesProbe }).__linesProbe);
  // The gutter holds a line number once the start of the file is loaded; the text follows it.
  if (!LINE.test(probe.text!.replace(/^\d*…?/, ""))) throw new Error(`${what}: the first painted line is not the task's output: "${probe.text}"`);
  return probe;
}

interface Fetched {
  path: string;
  start: number;
  ms: number;
}

/** API calls one by one; the lazy JS chunks (from the HTTP cache by then) as one line per burst. */
function describeWaterfall(requests: Fetched[]): string {
  const span = (r: Fetched) => `${r.start.toFixed(0)}→${(r.start + r.ms).toFixed(0)}`;
  const parts: string[] = [];
  let burst: Fetched[] = [];
  const flush = () => {
    if (burst.length > 0) parts.push(`${burst.length} JS chunk(s) ${burst[0]!.start.toFixed(0)}→${Math.max(...burst.map((r) => r.start + r.ms)).toFixed(0)}`);
    burst = [];
  };
  for (const r of [...requests].sort((a, b) => a.start - b.start)) {
    if (r.path.startsWith("/assets/")) burst.push(r);
    else if (r.path.includes("/api/") || r.path.startsWith("…")) {
      flush();
      parts.push(`\`${r.path}\` ${span(r)}`);
    }
  }
  flush();
  return parts.join("; ") || "none";
}

interface Heap {
  usedMB: number;
  totalMB: number;
  domNodes: number;
}

const MB = 1024 * 1024;

/** JS heap after a full GC (CDP HeapProfiler.collectGarbage + Performance.getMetrics). */
async function heapAfterGc(cdp: CDPSession): Promise<Heap> {
  await cdp.send("HeapProfiler.collectGarbage");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const m = (name: string) => metrics.find((x) => x.name === name)?.value ?? NaN;
  return { usedMB: +(m("JSHeapUsedSize") / MB).toFixed(1), totalMB: +(m("JSHeapTotalSize") / MB).toFixed(1), domNodes: m("Nodes") };
}

/** The most the heap held, sampled without a GC (what the tab really needed at that moment). */
async function heapNow(page: Page): Promise<number> {
  return page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / (1024 * 1024));
}

await runBrowserBench({
  name: "viewer-1gib",
  async prepare(stack) {
    await addPlainPool(stack.batch, POOL, 1);
    await stack.batch.job.add({ id: JOB, poolInfo: { poolId: POOL } });
    const started = Date.now();
    await stack.batch.task.add(JOB, { id: TASK, commandLine: COMMAND });
    const task = await pollUntil("the 1 GiB task completes", () => stack.batch.task.get(JOB, TASK), (t) => t.state === "completed", 15 * 60_000, 2000);
    if (task.executionInfo?.exitCode !== 0) throw new Error(`the 1 GiB task failed: ${JSON.stringify(task.executionInfo)}`);
    const props = await stack.batch.file.getPropertiesFromTask(JOB, TASK, "stdout.txt");
    if (props.contentLength !== GIB) throw new Error(`stdout.txt is ${props.contentLength} bytes, not 1 GiB`);
    const seconds = (Date.now() - started) / 1000;
    console.log(`task wrote 1 GiB to stdout.txt in ${seconds.toFixed(1)} s (node start included)`);
    return { seconds };
  },
  async measure({ page, context, accountSegment }, { seconds }) {
    const fileUrl = `/a/${accountSegment}/jobs/${JOB}/tasks/${TASK}/files/stdout.txt`;
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Performance.enable");

    // 1. The file's URL opened in the signed-in tab, HTTP cache cleared: SPA boot included.
    await page.addInitScript(installLinesProbe);
    const fullLoads: number[] = [];
    for (let i = 0; i < FULL_LOADS; i++) {
      await cdp.send("Network.clearBrowserCache");
      await page.goto(fileUrl, { waitUntil: "commit" });
      fullLoads.push((await waitForLines(page, `page load ${i + 1}`)).visibleAt!);
      console.log(`page load ${i + 1}: first lines painted at ${fullLoads[i]!.toFixed(0)} ms`);
    }

    // 2. In-app: from the job page, a client-side navigation to the file (as its link does).
    const inApp: number[] = [];
    /** What the last in-app open fetched, relative to its navigation: where the time goes. */
    let waterfall: Fetched[] = [];
    for (let i = 0; i < IN_APP_OPENS; i++) {
      await page.goto(`/a/${accountSegment}/jobs/${JOB}`);
      await page.getByRole("table", { name: "Tasks" }).getByRole("row").nth(1).waitFor({ timeout: 60_000 });
      // The job page has no output log, so the probe fires only for the viewer.
      await page.evaluate(installLinesProbe);
      const started = await page.evaluate((url) => {
        const t0 = performance.now();
        history.pushState(null, "", url);
        dispatchEvent(new PopStateEvent("popstate"));
        return t0;
      }, fileUrl);
      inApp.push((await waitForLines(page, `in-app open ${i + 1}`)).visibleAt! - started);
      waterfall = await page.evaluate(
        (t0) =>
          (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
            .filter((r) => r.startTime >= t0)
            .map((r) => ({ path: new URL(r.name).pathname.replace(/^\/api\/accounts\/[^/]+/, "…"), start: r.startTime - t0, ms: r.duration })),
        started,
      );
      console.log(`in-app open ${i + 1}: first lines painted ${inApp[i]!.toFixed(0)} ms after navigating`);
    }

    const afterOpen = await heapAfterGc(cdp);
    let peakMB = await heapNow(page);

    // 3. Read back and scroll: each "Load earlier" prepends one window; then scroll through what is loaded.
    const earlier = page.getByRole("button", { name: "Load earlier" });
    const note = page.getByText(/before this point are not loaded/);
    const log = page.getByRole("log");
    for (let i = 0; i < LOAD_EARLIER_CLICKS; i++) {
      const height = await log.evaluate((el) => el.scrollHeight);
      await earlier.click();
      // Prepended lines make the log taller.
      await page.waitForFunction((h) => (document.querySelector('[role="log"]')?.scrollHeight ?? 0) > h, height, { timeout: 30_000 }).catch(() => {
        throw new Error(`"Load earlier" ${i + 1} added no lines within 30 s`);
      });
      peakMB = Math.max(peakMB, await heapNow(page));
    }
    for (const to of ["top", "bottom", "top", "middle", "bottom"] as const) {
      await log.evaluate((el, where) => {
        el.scrollTop = where === "top" ? 0 : where === "bottom" ? el.scrollHeight : el.scrollHeight / 2;
      }, to);
      await page.waitForTimeout(300);
      peakMB = Math.max(peakMB, await heapNow(page));
    }
    const afterReading = await heapAfterGc(cdp);
    const loadedNote = (await note.textContent()) ?? "";

    // 4. Search past the loaded lines: the BFF scans the file's bytes (64 MiB per request) and the
    //    viewer opens a match like a #b= link. Opened afresh at the tail each time.
    const search = async (needle: string, done: () => Promise<unknown>) => {
      await page.goto(fileUrl);
      await waitForLines(page, `search "${needle}"`).catch(() => undefined);
      await page.getByRole("searchbox", { name: "Search output" }).fill(needle);
      const started = Date.now();
      await page.getByRole("button", { name: "Search whole file" }).click();
      let searchPeak = 0;
      const sampling = setInterval(() => void heapNow(page).then((mb) => (searchPeak = Math.max(searchPeak, mb)), () => undefined), 250);
      try {
        await done();
      } finally {
        clearInterval(sampling);
      }
      return { ms: Date.now() - started, peakMB: searchPeak };
    };
    const absent = await search("no such text in this file", () => page.getByText(/is not in the whole file/).waitFor({ timeout: 300_000 }));
    // Line 5,000,000 sits about 500 MB into the file: the search wraps from the tail to the start and scans to it.
    const middleNeedle = "output line 0005000000:";
    const middle = await search(middleNeedle, () => page.getByRole("log").locator("mark", { hasText: middleNeedle }).first().waitFor({ timeout: 300_000 }));
    peakMB = Math.max(peakMB, absent.peakMB, middle.peakMB);
    console.log(`whole-file search: absent needle ${absent.ms} ms (1 GiB scanned), match ~500 MB in ${middle.ms} ms (painted and marked)`);

    const full = distribution(fullLoads);
    const app = distribution(inApp);
    const worstHeap = Math.max(afterOpen.usedMB, afterReading.usedMB, peakMB);
    console.log(
      `viewer on 1 GiB: in-app open median ${app.median} ms (${verdict(app.median, OPEN_GOAL_MS)} ${OPEN_GOAL_MS} ms), page load median ${full.median} ms; heap ${afterOpen.usedMB} MB after open, ${afterReading.usedMB} MB after reading back, peak ${peakMB.toFixed(1)} MB (${verdict(worstHeap, MEMORY_GOAL_MB)} ${MEMORY_GOAL_MB} MB)`,
    );
    return `## Output viewer on a 1 GiB stdout.txt (Chromium)

A real task on the emulator (process runtime) wrote exactly 1 GiB of numbered lines (~100 bytes each) to stdout.txt through \`/bin/sh -c "seq … | head -c 1073741824"\` (${seconds.toFixed(0)} s including node start); the viewer opened that file through the BFF.

| measure | result | goal |
|---|---|---|
| open, in-app (job page → file URL, client-side navigation → first lines painted), median of ${IN_APP_OPENS} | **${app.median} ms** (p95 ${app.p95}, max ${app.max}) | ≤ ${OPEN_GOAL_MS} ms — ${verdict(app.median, OPEN_GOAL_MS)} |
| open, cold page load of the file URL (HTTP cache cleared, SPA boot included), median of ${FULL_LOADS} | ${full.median} ms (max ${full.max}) | — |
| JS heap after open (after GC) | **${afterOpen.usedMB} MB** (heap size ${afterOpen.totalMB} MB, ${afterOpen.domNodes} DOM nodes) | ≤ ${MEMORY_GOAL_MB} MB — ${verdict(afterOpen.usedMB, MEMORY_GOAL_MB)} |
| JS heap after ${LOAD_EARLIER_CLICKS} × "Load earlier" and scrolling top/bottom (after GC) | **${afterReading.usedMB} MB** (heap size ${afterReading.totalMB} MB, ${afterReading.domNodes} DOM nodes) | ≤ ${MEMORY_GOAL_MB} MB — ${verdict(afterReading.usedMB, MEMORY_GOAL_MB)} |
| JS heap peak while reading and searching (performance.memory, no GC) | ${peakMB.toFixed(1)} MB | ≤ ${MEMORY_GOAL_MB} MB — ${verdict(peakMB, MEMORY_GOAL_MB)} |
| search past the loaded lines, a needle that is nowhere ("… is not in the whole file": all 1 GiB scanned by the BFF) | ${(absent.ms / 1000).toFixed(1)} s | — |
| search past the loaded lines, a needle ~500 MB in (wraps from the tail to the start; until the match is painted and marked) | ${(middle.ms / 1000).toFixed(1)} s | — |

"First lines painted": the first row of the viewer's log in the DOM (MutationObserver) and the frame after it. Heap: CDP HeapProfiler.collectGarbage then Performance.getMetrics JSHeapUsedSize (the whole tab's JS heap: React, Fluent, MSAL and the viewer's buffer); Chromium runs with --enable-precise-memory-info. Requests of the last in-app open (start → end, ms after navigating): ${describeWaterfall(waterfall)}. After reading back the viewer said: "${loadedNote.trim()}".`;
  },
});
