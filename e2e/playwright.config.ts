import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, systemChromium } from "./support/chromium";
import { portalUrl, stackEnvironment } from "./support/stack-env";

const chromiumPath = systemChromium();

export default defineConfig({
  testDir: "./journeys",
  // One browser, one stack, two shared cores: journeys run one after another.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // The container journey waits for nodes to pull an image and a task to run: minutes, not seconds.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  outputDir: "test-results",
  use: {
    baseURL: portalUrl,
    viewport: { width: 1440, height: 900 },
    colorScheme: "light",
    // Fluent's motion honours prefers-reduced-motion (1 ms presence animations): axe then never
    // measures a toast mid-fade (grey on white), which an operator never reads either.
    reducedMotion: "reduce",
    actionTimeout: 20_000,
    navigationTimeout: 45_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          ...(chromiumPath ? { executablePath: chromiumPath } : {}),
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  webServer: {
    command: "node support/stack-server.mjs",
    env: stackEnvironment(),
    url: `${portalUrl}/api/health`,
    // A clean clone builds the web app first; on two busy cores that takes a while.
    timeout: 300_000,
    // Only on request (while writing journeys): a stack already running on the e2e ports, started
    // with the same BATCH_STUDIO_E2E_DATA_DIR. Otherwise a busy port is an error, never a silent reuse.
    reuseExistingServer: process.env.BATCH_STUDIO_E2E_REUSE === "1",
    stdout: process.env.BATCH_STUDIO_E2E_STACK_LOGS === "1" ? "pipe" : "ignore",
    stderr: "pipe",
    // SIGTERM lets stack.mjs stop the emulator and BFF (their own process groups) before the wrapper cleans up.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
