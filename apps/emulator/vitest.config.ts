import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Many tests drive a live emulator (servers, processes, containers) by polling; a busy 2-core CI
    // machine needs headroom. One setting here instead of one per test file.
    // Timeouts only bound a hung test: no test asserts wall-clock time.
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
