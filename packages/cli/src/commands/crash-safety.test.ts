import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../../../test-support/api.js";
import { type ServeProcess, startServe } from "../../../../test-support/cli.js";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../../test-support/databases.js";
import { count, report } from "../../../../test-support/faults.js";
import { TestReceiver } from "../../../../test-support/receiver.js";

const EVENTS = count(10_000, 2_000);

describe.each(DIALECTS)("crash safety on %s", (dialect) => {
  let database: TestDatabase;
  const receiver = new TestReceiver();
  let serve: ServeProcess | undefined;
  beforeAll(async () => {
    await receiver.start();
    // Slow answers keep many deliveries in flight when the process is killed.
    receiver.respond = () => ({ status: 200, delayMs: 100 });
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await serve?.stop("SIGKILL");
    await receiver.stop();
    await database?.drop();
  });

  const serveArgs = () => [
    "--database",
    database.location,
    "--allow-private-targets",
    "--lease",
    "1500",
    "--rate-limit",
    "100000",
  ];

  it(`delivers all ${EVENTS} deliveries at least once across a SIGKILL`, async () => {
    serve = await startServe(serveArgs());
    const api = createClient(serve.url, serve.adminToken as string);
    await api("POST", "/api/settings/webhooks", {
      url: `${receiver.url}/crash`,
      watched: [{ type: "org", name: "crash" }],
    });
    const events = Array.from({ length: EVENTS }, (_, i) => ({
      event: { action: "update", scope: "repo.content" },
      repo: { type: "model", name: `crash/model-${i}` },
    }));
    let accepted = 0;
    for (let i = 0; i < EVENTS; i += 1000) {
      const published = (await api("POST", "/api/events", events.slice(i, i + 1000))) as {
        events: Array<{ deliveries: number }>;
      };
      accepted += published.events.reduce((sum, e) => sum + e.deliveries, 0);
    }
    expect(accepted).toBe(EVENTS);

    await receiver.waitFor(50, 20_000);
    expect(await serve.stop("SIGKILL")).toBeNull();
    const beforeRestart = receiver.requests.length;
    expect(beforeRestart).toBeLessThan(EVENTS);

    serve = await startServe(serveArgs());
    const delivered = () => new Set(receiver.requests.map((r) => r.headers["x-webhook-delivery"]));
    const deadline = Date.now() + 60_000;
    while (delivered().size < EVENTS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const received = delivered().size;
    const duplicates = receiver.requests.length - received;
    report(
      `crash ${dialect}: SIGKILL after ${beforeRestart} of ${EVENTS} received; accepted ${EVENTS}, received ${received}, lost ${EVENTS - received}, duplicates ${duplicates}`,
    );
    expect(received).toBe(EVENTS);
    // Attempts that were cut off are re-sent after the lease: at least once, so some ids may arrive twice.
    expect(receiver.requests.length).toBeGreaterThanOrEqual(EVENTS);
  }, 240_000);
});
