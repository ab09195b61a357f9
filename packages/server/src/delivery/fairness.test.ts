import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { DIALECTS, useServer, waitUntil } from "../test-support/harness.js";

const HOOKS = "/api/settings/webhooks";
const BACKLOG = 1_000;
const PER_EVENT_MS = 2_000;

/** A receiver that takes requests and never answers, holding each connection until it is stopped. */
async function silentReceiver(): Promise<{ url: string; received: () => number; stop: () => Promise<void> }> {
  let received = 0;
  const server: Server = createServer((request) => {
    received++;
    request.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => received,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe.each(DIALECTS)("one slow receiver does not hold up the others on %s", (dialect) => {
  // The defaults scaled down (256 / 64 / 256, 15 s timeout): the same proportions, a run of seconds.
  const h = useServer(dialect, {
    worker: true,
    delivery: {
      concurrency: 8,
      perOriginConcurrency: 2,
      claimBatchSize: 8,
      timeoutMs: 2_000,
      // Timed-out attempts come back soon, as retries do in production, and must not take the window again.
      retrySchedule: [200, 200, 200],
      retryJitter: 0,
      overloadBackoffMs: 0,
      leaseMs: 60_000,
      rateLimit: { limit: 1_000_000, windowMs: 86_400_000 },
    },
  });
  const fast = new TestReceiver();
  let slow: Awaited<ReturnType<typeof silentReceiver>>;
  beforeAll(async () => {
    await fast.start();
    slow = await silentReceiver();
  });
  afterAll(async () => {
    await fast.stop();
    await slow.stop();
  });

  it(`another user's events each arrive within ${PER_EVENT_MS} ms while ${BACKLOG} deliveries wait on a receiver that never answers`, async () => {
    const publisher = (await h.user("hub", { publisher: true })).token;
    const patient = (await h.user("patient")).token;
    const other = (await h.user("other")).token;
    const hook = async (token: string, url: string, repo: string) => {
      const res = await h.call(token, "POST", HOOKS, { url, watched: [{ type: "model", name: repo }] });
      expect(res.status).toBe(200);
    };
    await hook(patient, `${slow.url}/never`, "patient/busy");
    await hook(other, `${fast.url}/prompt`, "other/quiet");
    const event = (repo: string) => ({
      event: { action: "update", scope: "repo.content" },
      repo: { type: "model", name: repo, headSha: "a".repeat(40) },
    });
    const backlog = Array.from({ length: BACKLOG }, () => event("patient/busy"));
    expect((await h.call(publisher, "POST", "/api/events", backlog)).status).toBe(202);
    await waitUntil(() => slow.received() >= 2, 5_000, "the slow receiver's first requests");

    const latencies: number[] = [];
    const sendQuiet = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const sent = Date.now();
        const before = fast.requests.length;
        expect((await h.call(publisher, "POST", "/api/events", event("other/quiet"))).status).toBe(202);
        await waitUntil(() => fast.requests.length === before + 1, 30_000, "the other user's event");
        latencies.push(Date.now() - sent);
      }
    };
    await sendQuiet(10);
    // Once the first attempts timed out, the slow webhook's next deliveries take their places: the rest go out
    // while that happens.
    await waitUntil(() => slow.received() >= 4, 10_000, "the first timeouts");
    await sendQuiet(10);
    expect(Math.max(...latencies), `latencies ${latencies.join(", ")} ms`).toBeLessThan(PER_EVENT_MS);
  }, 120_000);
});
