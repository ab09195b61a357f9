import { expect, it } from "vitest";

// Fails on purpose. It runs only when HUBHOOKS_FAILING_PROBE=1 (vitest.config.ts includes it then), so CI can prove
// that the README's test command exits non-zero and reports the failure when a test fails.
it("fails on purpose, so a red run is seen to be red", () => {
  expect(1 + 1).toBe(3);
});
