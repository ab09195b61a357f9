import { Registry } from "prom-client";
import { expect, it } from "vitest";
import { Buckets, Tally } from "./tallies.js";

it("exposes a fixed-bucket histogram as Prometheus does: cumulative buckets with +Inf, sum and count", async () => {
  const registry = new Registry();
  const histogram = new Buckets(registry, "test_seconds", "A test histogram", [0.1, 1, 10]);
  for (const value of [0.05, 0.1, 0.5, 2, 20, 30]) histogram.observe(value);
  expect((await registry.metrics()).trim().split("\n")).toEqual([
    "# HELP test_seconds A test histogram",
    "# TYPE test_seconds histogram",
    'test_seconds_bucket{le="0.1"} 2',
    'test_seconds_bucket{le="1"} 3',
    'test_seconds_bucket{le="10"} 4',
    'test_seconds_bucket{le="+Inf"} 6',
    "test_seconds_sum 52.65",
    "test_seconds_count 6",
  ]);
});

it("exposes every known label value of a tally, zeros included, as a counter", async () => {
  const registry = new Registry();
  const tally = new Tally(registry, "test_total", "A test counter", "outcome", ["ok", "failed"] as const);
  tally.add("ok");
  tally.add("ok", 2);
  const text = await registry.metrics();
  expect(text).toContain("# TYPE test_total counter");
  expect(text).toContain('test_total{outcome="ok"} 3');
  expect(text).toContain('test_total{outcome="failed"} 0');
  tally.add("failed");
  expect(await registry.metrics()).toContain('test_total{outcome="failed"} 1');
});
