/**
 * The frame every browser bench runs in: start the stack, let the bench create its data with the
 * Batch client, sign in once in Chromium, measure, write the section of docs/PERFORMANCE.md, and
 * always stop the browser and the stack. Any failure to measure exits non-zero and writes nothing.
 */
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { writeReportSection } from "../report";
import { openSignedIn, type SignedInBrowser } from "./browser";
import { chromiumLine, machineLine, today } from "./environment";
import { startWebStack, type WebStack } from "./web-stack";

export interface BenchContext extends SignedInBrowser {
  stack: WebStack;
}

export interface BrowserBench<Data> {
  /** Section name in docs/PERFORMANCE.md and the `bench:<name>` script. */
  name: string;
  /** Creates what the bench needs through the SDK, before the browser signs in. */
  prepare(stack: WebStack): Promise<Data>;
  /** Measures and returns the section's markdown (without the common footer). */
  measure(ctx: BenchContext, data: Data): Promise<string>;
}

export async function runBrowserBench<Data>(bench: BrowserBench<Data>): Promise<void> {
  const loadBefore = loadavg();
  let stack: WebStack | undefined;
  let browser: SignedInBrowser | undefined;
  try {
    stack = await startWebStack();
    const data = await bench.prepare(stack);
    browser = await openSignedIn(stack);
    const body = await bench.measure({ ...browser, stack }, data);
    const footer = `Measured ${today()} against the local stack on loopback (emulator with the ${stack.runtime} runtime + BFF serving the built SPA); ${chromiumLine(browser.browser.version())}; ${machineLine(loadBefore)}. Command: \`pnpm --filter @batch-studio/bench bench:${bench.name}\`.`;
    writeReportSection(bench.name, `${body.trim()}\n\n${footer}`);
    console.log(`[bench] wrote section "${bench.name}" of docs/PERFORMANCE.md`);
  } catch (e) {
    console.error(`[bench] ${bench.name} could not measure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
    if (browser) {
      // What the page showed when the bench gave up: the first thing to look at.
      const shot = join(tmpdir(), `bench-${bench.name}-failure.png`);
      await browser.page.screenshot({ path: shot }).then(
        () => console.error(`[bench] page ${browser?.page.url()} at failure: ${shot}`),
        () => undefined,
      );
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await stack?.stop();
  }
}

/** Goal verdict for the report: "meets" or "MISSES" (upper-case so a miss stands out). */
export const verdict = (value: number, goal: number) => (value <= goal ? "meets" : "MISSES");
