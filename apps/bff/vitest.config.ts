import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // The integration tests start the whole local stack; a busy CI machine needs headroom.
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
