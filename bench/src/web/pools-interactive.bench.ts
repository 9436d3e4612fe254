/**
 * Time until the pools page is interactive on loopback: from navigation start to the pools list
 * on screen with data and the main thread quiet (no long task for QUIET_MS afterwards), over LOADS
 * cold loads (HTTP cache cleared each time) in a tab that is already signed in.
 *   pnpm --filter @batch-studio/bench bench:pools-interactive [LOADS]
 */
import { addPlainPool } from "./batch-fixtures";
import { distribution } from "./distribution";
import { runBrowserBench } from "./harness";
import { interactiveAt, type LongTask } from "./interactive";

const LOADS = Math.max(3, Math.min(30, Number(process.argv[2] ?? 10)));
const POOLS = 30;
const QUIET_MS = 1000;
const LOAD_TIMEOUT_MS = 60_000;

interface ProbeState {
  longTasks: LongTask[];
  /** First paint after the first data row was in the DOM (ms from navigation start). */
  renderedAt?: number;
  rowText?: string;
  now: number;
  fcp?: number;
  domContentLoaded?: number;
  transferKB: number;
  /** Response bodies as sent and after decoding: equal when the server does not compress. */
  encodedKB: number;
  decodedKB: number;
  requests: number;
}

/** Runs in the page before its scripts, on every navigation of the tab. */
function installProbe() {
  const state = { longTasks: [] as { start: number; duration: number }[], renderedAt: undefined as number | undefined, rowText: undefined as string | undefined };
  (window as unknown as { __poolsProbe: typeof state }).__poolsProbe = state;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) state.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  const observer = new MutationObserver(() => {
    const row = document.querySelector('[role="table"][aria-label="Pools"] [role="row"][aria-rowindex="2"]');
    if (!row?.textContent || state.rowText !== undefined) return;
    state.rowText = row.textContent;
    observer.disconnect();
    // The frame that shows the row: after its rAF callbacks and paint, the next task runs.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (state.renderedAt = performance.now());
      channel.port2.postMessage(0);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

function readProbe(): ProbeState {
  const probe = (window as unknown as { __poolsProbe?: { longTasks: LongTask[]; renderedAt?: number; rowText?: string } }).__poolsProbe;
  const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
  return {
    longTasks: probe?.longTasks ?? [],
    renderedAt: probe?.renderedAt,
    rowText: probe?.rowText,
    now: performance.now(),
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
    domContentLoaded: nav?.domContentLoadedEventEnd,
    transferKB: Math.round(([nav, ...resources] as PerformanceResourceTiming[]).reduce((s, r) => s + (r?.transferSize ?? 0), 0) / 1024),
    encodedKB: Math.round(resources.reduce((s, r) => s + r.encodedBodySize, 0) / 1024),
    decodedKB: Math.round(resources.reduce((s, r) => s + r.decodedBodySize, 0) / 1024),
    requests: resources.length,
  };
}

interface Load {
  interactive: number;
  rendered: number;
  fcp: number;
  dcl: number;
  longTasks: number;
  longTaskMs: number;
  transferKB: number;
  encodedKB: number;
  decodedKB: number;
  requests: number;
}

await runBrowserBench({
  name: "pools-interactive",
  async prepare(stack) {
    for (let i = 0; i < POOLS; i++) await addPlainPool(stack.batch, `bench-pool-${String(i).padStart(2, "0")}`);
    return undefined;
  },
  async measure({ page, context, accountSegment }) {
    const url = `/a/${accountSegment}/pools`;
    await page.addInitScript(installProbe);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    const loads: Load[] = [];
    for (let i = 0; i < LOADS; i++) {
      await cdp.send("Network.clearBrowserCache");
      await page.goto(url, { waitUntil: "commit" });
      const deadline = Date.now() + LOAD_TIMEOUT_MS;
      for (;;) {
        const s = await page.evaluate(readProbe);
        const at = s.renderedAt === undefined ? undefined : interactiveAt(s.renderedAt, s.longTasks, QUIET_MS, s.now);
        if (at !== undefined && s.renderedAt !== undefined) {
          if (!s.rowText?.includes("bench-pool-")) throw new Error(`the first pools row is not one of the bench's pools: "${s.rowText}"`);
          const after = s.longTasks.filter((t) => t.start + t.duration <= at);
          loads.push({
            interactive: at,
            rendered: s.renderedAt,
            fcp: s.fcp ?? NaN,
            dcl: s.domContentLoaded ?? NaN,
            longTasks: after.length,
            longTaskMs: after.reduce((sum, t) => sum + t.duration, 0),
            transferKB: s.transferKB,
            encodedKB: s.encodedKB,
            decodedKB: s.decodedKB,
            requests: s.requests,
          });
          break;
        }
        if (Date.now() > deadline) throw new Error(`load ${i + 1}: the pools list did not render and settle within ${LOAD_TIMEOUT_MS / 1000} s (url ${page.url()}, rendered ${s.renderedAt})`);
        await page.waitForTimeout(200);
      }
      if (!new URL(page.url()).pathname.endsWith("/pools")) throw new Error(`load ${i + 1} left the pools page: ${page.url()} (session not warm?)`);
      const last = loads[loads.length - 1]!;
      console.log(`load ${i + 1}/${LOADS}: interactive ${last.interactive.toFixed(0)} ms (rows painted ${last.rendered.toFixed(0)} ms, FCP ${last.fcp.toFixed(0)} ms, ${last.longTasks} long tasks)`);
    }
    const d = (pick: (l: Load) => number) => distribution(loads.map(pick));
    const interactive = d((l) => l.interactive);
    const rows = [
      ["interactive (rows painted + main thread quiet)", interactive],
      ["pools rows painted", d((l) => l.rendered)],
      ["first contentful paint", d((l) => l.fcp)],
      ["DOMContentLoaded", d((l) => l.dcl)],
      ["long tasks before interactive (total ms)", d((l) => l.longTaskMs)],
    ] as const;
    console.log(`pools page interactive: median ${interactive.median} ms, p95 ${interactive.p95} ms over ${LOADS} cold loads`);
    return `## Pools page: time to interactive (Chromium, loopback)

From navigation start to the pools list painted with data (${POOLS} pools, first row's paint observed by a MutationObserver + the next frame) and the main thread free of long tasks (Long Tasks API, ≥ 50 ms) for ${QUIET_MS} ms afterwards, TTI-style without the network condition. ${LOADS} cold loads: the HTTP cache is cleared before each (CDP Network.clearBrowserCache) in a tab already signed in (MSAL's sessionStorage cache is warm, so no sign-in page; the SPA still boots, restores the account and fetches tokens and pools).

| ms | median | p95 | max | mean |
|---|---|---|---|---|
${rows.map(([label, s]) => `| ${label} | ${s.median} | ${s.p95} | ${s.max} | ${s.mean} |`).join("\n")}

Per load: ${loads.map((l) => l.interactive.toFixed(0)).join(", ")} ms; ${loads[0]!.requests} requests and ${loads[0]!.transferKB} KB transferred on the first load (response bodies ${loads[0]!.encodedKB} KB as sent, ${loads[0]!.decodedKB} KB decoded${loads[0]!.encodedKB >= loads[0]!.decodedKB ? ": the BFF serves the SPA uncompressed" : ""}); long tasks before interactive: median ${d((l) => l.longTasks).median}.

No goal is set in the issue; this is the baseline.`;
  },
});
