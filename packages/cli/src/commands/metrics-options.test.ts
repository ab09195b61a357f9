import { afterAll, beforeAll, expect, it } from "vitest";
import { runCli, startWorker, type WorkerProcess } from "../../../../test-support/cli.js";
import { createTestDatabase, type TestDatabase } from "../../../../test-support/databases.js";

let database: TestDatabase;
let worker: WorkerProcess | undefined;
beforeAll(async () => {
  database = await createTestDatabase("postgres");
});
afterAll(async () => {
  await worker?.stop("SIGKILL");
  await database?.drop();
});

it("hubhooks worker --metrics-port serves /metrics and /ready (its worker claiming) on a port of its own", async () => {
  worker = await startWorker(["--database", database.location, "--metrics-port", "0"]);
  const url = worker.output().match(/metrics at (http:\/\/127\.0\.0\.1:\d+)\/metrics/)?.[1];
  expect(url, worker.output()).toBeDefined();
  const metrics = await fetch(`${url}/metrics`);
  expect(metrics.status).toBe(200);
  expect(await metrics.text()).toMatch(/^hubhooks_deliveries_due 0$/m);
  const ready = await fetch(`${url}/ready`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ status: "ready", worker: "claiming" });
}, 60_000);

it("refuses a bad --retention-days, --metrics-token or --metrics-port with one line", async () => {
  const location = ["--database", database.location];
  const cases: Array<[string[], RegExp]> = [
    [["--retention-days", "0"], /^--retention-days \(days\) must be a whole number from 1 to 3650, got "0"$/],
    [["--metrics-token", "short"], /^--metrics-token must be at least 16 characters without spaces$/],
    [["--metrics-port", "70000"], /^--metrics-port must be a whole number from 0 to 65535, got "70000"$/],
  ];
  for (const [args, message] of cases) {
    const result = await runCli(["worker", ...location, ...args]);
    expect(result.code, result.stderr).not.toBe(0);
    expect(result.stderr.trim().replace(/^Error: /, "")).toMatch(message);
  }
}, 60_000);
