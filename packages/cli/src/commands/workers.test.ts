import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../../../test-support/api.js";
import { type ServeProcess, startServe, startWorker, type WorkerProcess } from "../../../../test-support/cli.js";
import { createTestDatabase, type TestDatabase } from "../../../../test-support/databases.js";
import { TestReceiver } from "../../../../test-support/receiver.js";

const EVENTS = 5_000;

/** Scale-out on PostgreSQL: one API process (`serve --no-worker`) and separate `hubhooks worker` processes. */
describe("hubhooks worker processes on PostgreSQL", () => {
  let database: TestDatabase;
  let api: ServeProcess;
  let call: ReturnType<typeof createClient>;
  const receiver = new TestReceiver();
  let workers: WorkerProcess[] = [];
  beforeAll(async () => {
    await receiver.start();
    database = await createTestDatabase("postgres");
    api = await startServe(["--database", database.location, "--no-worker", "--rate-limit", "1000000"]);
    call = createClient(api.url, api.adminToken as string);
  });
  afterEach(async () => {
    await Promise.all(workers.map((worker) => worker.stop("SIGKILL")));
    workers = [];
  });
  afterAll(async () => {
    await api?.stop();
    await receiver.stop();
    await database?.drop();
  });

  const workerArgs = (extra: string[] = []) => [
    "--database",
    database.location,
    "--allow-private-targets",
    "--rate-limit",
    "1000000",
    ...extra,
  ];
  const ids = (path: string) =>
    receiver.requests.filter((r) => r.path === path).map((r) => String(r.headers["x-webhook-delivery"]));
  async function publish(org: string, count: number) {
    for (let i = 0; i < count; i += 1000) {
      const events = Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({
        event: { action: "update", scope: "repo" },
        repo: { type: "model", name: `${org}/m-${i + j}` },
      }));
      await call("POST", "/api/events", events);
    }
  }
  async function until(check: () => boolean, timeoutMs: number, what: string) {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it("every process started with the same settings has the same private-targets policy, and says it", async () => {
    const policy = "refused (PostgreSQL: allow them with --allow-private-targets on every serve and worker)";
    expect(api.output()).toContain(policy);
    const strict = await startWorker(["--database", database.location]);
    workers.push(strict);
    expect(strict.output()).toContain(policy);
    const allowed = await startWorker(workerArgs());
    workers.push(allowed);
    expect(allowed.output()).toMatch(/private targets .* allowed \(--allow-private-targets=true\)/);
  });

  it("wakes a worker in another process through LISTEN/NOTIFY, not the poll (poll set to 60 s)", async () => {
    workers.push(await startWorker(workerArgs(["--poll-interval", "60000"])));
    await call("POST", "/api/settings/webhooks", {
      url: `${receiver.url}/notify`,
      watched: [{ type: "org", name: "notify" }],
    });
    // Let the worker's LISTEN connection settle before timing.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = Date.now();
    await publish("notify", 1);
    await until(() => ids("/notify").length === 1, 5_000, "the notified delivery");
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it(`3 workers deliver ${EVENTS} events exactly once`, async () => {
    for (let i = 0; i < 3; i++) workers.push(await startWorker(workerArgs()));
    await call("POST", "/api/settings/webhooks", {
      url: `${receiver.url}/three`,
      watched: [{ type: "org", name: "three" }],
    });
    await publish("three", EVENTS);
    await until(() => ids("/three").length >= EVENTS, 60_000, "every delivery");
    await new Promise((resolve) => setTimeout(resolve, 500)); // would-be duplicates get time to show
    const delivered = ids("/three");
    expect(new Set(delivered).size).toBe(EVENTS);
    expect(delivered.length).toBe(EVENTS);
  }, 120_000);

  it("SIGTERM: a worker stops claiming, hands back what it holds, and exits 0; others finish without waiting for a lease", async () => {
    receiver.respond = (request) => ({ status: 200, delayMs: request.path === "/drained" ? 20 : 0 });
    for (let i = 0; i < 2; i++) workers.push(await startWorker(workerArgs()));
    await call("POST", "/api/settings/webhooks", {
      url: `${receiver.url}/drained`,
      watched: [{ type: "org", name: "drained" }],
    });
    await publish("drained", 2_000);
    await until(() => ids("/drained").length >= 200, 60_000, "the run to be under way");
    expect(await workers[0]?.stop("SIGTERM")).toBe(0);
    // The default lease is 60 s: finishing well before it means nothing waited for a lease to run out.
    await until(() => new Set(ids("/drained")).size >= 2_000, 30_000, "every delivery after the SIGTERM");
  }, 120_000);

  it("SIGKILL of one worker mid-run: every delivery still arrives, duplicates only from its in-flight window", async () => {
    receiver.respond = (request) => ({ status: 200, delayMs: request.path === "/killed" ? 20 : 0 });
    for (let i = 0; i < 3; i++) workers.push(await startWorker(workerArgs(["--lease", "2000"])));
    await call("POST", "/api/settings/webhooks", {
      url: `${receiver.url}/killed`,
      watched: [{ type: "org", name: "killed" }],
    });
    await publish("killed", EVENTS);
    await until(() => ids("/killed").length >= 500, 60_000, "the run to be under way");
    expect(await workers[0]?.stop("SIGKILL")).toBeNull();
    await until(() => new Set(ids("/killed")).size >= EVENTS, 90_000, "every delivery after the kill");
    const delivered = ids("/killed");
    const duplicates = delivered.length - new Set(delivered).size;
    // A worker holds at most its concurrency (256) claimed deliveries; only those can arrive twice.
    expect(duplicates).toBeLessThanOrEqual(256);
  }, 180_000);
});
