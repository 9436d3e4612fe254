/**
 * Debian's Chromium through playwright-core, headless, configured like the e2e journeys
 * (e2e/playwright.config.ts), plus precise memory numbers for the viewer bench.
 */
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from "../../../e2e/support/chromium";
import type { WebStack } from "./web-stack";

const CHROMIUM = process.env.BENCH_CHROMIUM ?? SYSTEM_CHROMIUM;

export interface SignedInBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The account's URL segment, as the portal routes it (/a/<segment>/pools). */
  accountSegment: string;
  close(): Promise<void>;
}

/**
 * Opens the portal and signs in through the local identity provider with the journeys' own steps
 * (e2e/support/session.ts). MSAL keeps its cache in sessionStorage, so the benches stay in this
 * one tab: later navigations in it reuse the session, as a signed-in operator's would.
 */
export async function openSignedIn(stack: WebStack): Promise<SignedInBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // performance.memory in whole bytes rather than bucketed.
    args: [...CHROMIUM_ARGS, "--enable-precise-memory-info"],
  });
  try {
    const context = await browser.newContext({ baseURL: stack.portalUrl, viewport: { width: 1440, height: 900 }, colorScheme: "light" });
    context.setDefaultTimeout(30_000);
    context.setDefaultNavigationTimeout(60_000);
    // tsx compiles the benches with esbuild's keepNames, which wraps named functions in __name();
    // functions handed to page.evaluate are serialized with those calls, so the page needs the helper.
    const keepNamesHelper = "globalThis.__name ??= (fn) => fn;";
    await context.addInitScript({ content: keepNamesHelper });
    const page = await context.newPage();
    const { signInToPools, openAccountPools, OPERATORS } = await import("../../../e2e/support/session");
    let accountSegment: string;
    try {
      accountSegment = await signInToPools(page);
    } catch (e) {
      // Outside the test runner its assertions wait 5 s (the journeys configure 20 s); on two busy
      // cores the sign-in can take longer. Wait for it once more, then continue as the journey does.
      console.warn(`[bench] sign-in slower than the journeys' steps wait for (${e instanceof Error ? e.message.split("\n")[0] : e}); waiting longer`);
      await page.getByRole("button", { name: `Signed in as ${OPERATORS.ada.name}` }).waitFor({ timeout: 60_000 });
      accountSegment = await openAccountPools(page);
    }
    return { browser, context, page, accountSegment, close: () => browser.close() };
  } catch (e) {
    await browser.close();
    throw e;
  }
}
