import { defineConfig } from "vitest/config";

/** HUBHOOKS_FAILING_PROBE=1 adds a test that fails on purpose (CI's check that a red run exits non-zero). */
const failingProbe = process.env.HUBHOOKS_FAILING_PROBE === "1" ? ["test-support/failing-probe.ts"] : [];

export default defineConfig({
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "packages/*/src/**/*.test.tsx",
      "examples/*/*.test.ts",
      "test-support/**/*.test.ts",
      ...failingProbe,
    ],
    globalSetup: ["./test-support/postgres-global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
  },
});
