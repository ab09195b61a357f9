import { appendFileSync, mkdirSync } from "node:fs";
import { configDefaults, defineConfig } from "vitest/config";

/**
 * Unhandled errors fail the run but are printed far above the summary; CI shows only the end of its output.
 * They are also written here, and `.ci/run` prints the file last, so a red run says why.
 */
const UNHANDLED_LOG = "test-results/unhandled-errors.log";

/** HUBHOOKS_FAILING_PROBE=1 adds a test that fails on purpose (CI's check that a red run exits non-zero). */
const failingProbe = process.env.HUBHOOKS_FAILING_PROBE === "1" ? ["test-support/failing-probe.ts"] : [];
/** The 10-minute soak runs in `npm run faults` (FAULTS_FULL=1) or when SOAK_SECONDS is set, never in `npm test`. */
const soak = process.env.FAULTS_FULL === "1" || process.env.SOAK_SECONDS !== undefined;

export default defineConfig({
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "packages/*/src/**/*.test.tsx",
      "examples/*/*.test.ts",
      "test-support/**/*.test.ts",
      ...failingProbe,
    ],
    exclude: [...configDefaults.exclude, ...(soak ? [] : ["packages/server/src/faults/soak.test.ts"])],
    globalSetup: ["./test-support/postgres-global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    onUnhandledError(error) {
      const { type, stack, message } = error as Error & { type: string };
      const file = (error as { VITEST_TEST_PATH?: string }).VITEST_TEST_PATH ?? "unknown file";
      mkdirSync("test-results", { recursive: true });
      appendFileSync(UNHANDLED_LOG, `[${type}] during ${file}\n${stack ?? message}\n\n`);
    },
  },
});
