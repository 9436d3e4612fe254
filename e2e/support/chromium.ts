import { existsSync } from "node:fs";

/** Debian's Chromium (Playwright cannot download browsers here); elsewhere Playwright's own. */
export const SYSTEM_CHROMIUM = "/usr/bin/chromium";
export const systemChromium = (): string | undefined => (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);

/** How the journeys and the browser benches run Chromium: headless, quiet, no background traffic. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
