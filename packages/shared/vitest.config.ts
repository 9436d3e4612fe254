import { defineConfig } from "vitest/config";

// Property tests run thousands of cases; on a busy 2-core CI machine they need more than 5 s.
export default defineConfig({ test: { testTimeout: 60_000 } });
