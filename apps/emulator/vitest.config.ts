import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Many tests start real servers, processes and containers; a busy 2-core CI machine needs headroom.
    // Timeouts only bound a hung test: no test asserts wall-clock time.
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
