import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { count, FULL, report } from "../../../../test-support/faults.js";
import { DIALECTS, useServer, waitUntil } from "../test-support/harness.js";

const EVENTS = count(1_000, 200);
const DOWN_MS = count(60_000, 3_000);
// Retries spread over more than the outage, so the last ones land after the receiver is back.
const SCHEDULE = FULL ? [1_000, 2_000, 5_000, 10_000, 20_000, 30_000] : [200, 400, 800, 1_600, 3_200, 6_400];

/** A receiver that can go down (connection refused) and come back on the same port. */
class FlakyReceiver {
  readonly seen = new Set<string>();
  port = 0;
  #server: Server | undefined;
  async up(): Promise<void> {
    this.#server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        this.seen.add(String(req.headers["x-webhook-delivery"]));
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(this.port, "127.0.0.1", resolve));
    this.port = (this.#server.address() as AddressInfo).port;
  }
  async down(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

describe.each(DIALECTS)("receiver outage on %s", (dialect) => {
  const h = useServer(dialect, {
    worker: true,
    delivery: {
      retrySchedule: SCHEDULE,
      retryJitter: 0,
      timeoutMs: 2_000,
      rateLimit: { limit: 100_000, windowMs: 86_400_000 },
    },
  });
  const receiver = new FlakyReceiver();
  afterAll(() => receiver.down());

  it(`delivers 100 % of ${EVENTS} events after the receiver is down for ${DOWN_MS / 1000} s`, async () => {
    await receiver.up();
    const owner = await h.user("outage");
    const hub = await h.user("outage-hub", { publisher: true });
    await h.call(owner.token, "POST", "/api/settings/webhooks", {
      url: `http://127.0.0.1:${receiver.port}/hook`,
      watched: [{ type: "user", name: "outage" }],
    });
    await receiver.down();
    const events = Array.from({ length: EVENTS }, (_, i) => ({
      event: { action: "update", scope: "repo" },
      repo: { type: "model", name: `outage/m-${i}` },
    }));
    expect((await h.call(hub.token, "POST", "/api/events", events)).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
    await receiver.up();
    const total = SCHEDULE.reduce((a, b) => a + b, 0);
    await waitUntil(() => receiver.seen.size >= EVENTS, total + 30_000, "every delivery after the outage");
    const percent = (receiver.seen.size / EVENTS) * 100;
    report(
      `outage ${dialect}: receiver down ${DOWN_MS / 1000} s, ${receiver.seen.size} of ${EVENTS} delivered (${percent.toFixed(0)} %)`,
    );
    expect(percent).toBe(100);
  }, 240_000);
});
