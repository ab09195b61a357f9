import type { DeliveryListResponse } from "@hubhooks/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { DIALECTS, useServer, waitUntil } from "../test-support/harness.js";

const HOOKS = "/api/settings/webhooks";
/** Far longer than the checks below wait: a delivery that arrives in time did not wait for a lease to end. */
const LEASE_MS = 60_000;

describe.each(DIALECTS)("every delivery of a claim is sent, whatever its batch holds, on %s", (dialect) => {
  const h = useServer(dialect, {
    delivery: {
      leaseMs: LEASE_MS,
      rateLimit: { limit: 1_000_000, windowMs: 86_400_000 },
      retrySchedule: [],
      maxWebhooksPerAccount: 0, // one owner with a fan-out of 301 webhooks
    },
  });
  const receiver = new TestReceiver();
  let owner: string;
  let publisher: string;
  beforeAll(async () => {
    await receiver.start();
    owner = (await h.user("owner")).token;
    publisher = (await h.user("hub", { publisher: true })).token;
  });
  afterAll(() => receiver.stop());

  async function webhook(path: string, repo: string) {
    const res = await h.call(owner, "POST", HOOKS, {
      url: `${receiver.url}${path}`,
      watched: [{ type: "model", name: repo }],
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { webhook: { id: string } }).webhook.id;
  }
  /** `count` distinct events on `repo`, posted in batches as a publisher does. */
  async function publish(repo: string, count: number) {
    for (let sent = 0; sent < count; sent += 1000) {
      const batch = Array.from({ length: Math.min(1000, count - sent) }, () => ({
        event: { action: "update", scope: "repo.content" },
        repo: { type: "model", name: repo, headSha: "a".repeat(40) },
      }));
      expect((await h.call(publisher, "POST", "/api/events", batch)).status).toBe(202);
    }
  }
  const arrived = (prefix: string) => receiver.requests.filter((r) => r.path.startsWith(prefix)).length;

  // The report of issue 20: after ~4 000 events the worker's payload cache was nearly full; a claim holding the
  // rest of a fan-out (payload cached) and new events (payloads to load) dropped the cached payload, and the
  // rest of that claim waited for its lease.
  it("a fan-out claimed beside new events after 4 090 others all arrives well before the lease ends", async () => {
    await webhook("/base", "owner/base");
    const fanOut = 301;
    for (let i = 0; i < fanOut; i++) await webhook(`/fan-${i}`, "owner/fan");
    h.server.worker.start();
    // 4 090 events, each delivered: their payloads nearly fill a cache of 4 096.
    await publish("owner/base", 4_090);
    await waitUntil(() => arrived("/base") === 4_090, 60_000, "4 090 deliveries");
    // Queued while the worker rests, so its claims hold the fan-out and the new events together.
    await h.server.worker.stop();
    await publish("owner/fan", 1);
    await publish("owner/base", 200);
    h.server.worker.start();
    await waitUntil(() => arrived("/fan-") === fanOut && arrived("/base") === 4_290, 5_000, "every delivery");
    await h.server.worker.stop();
  }, 120_000);

  it("a delivery whose event payload is gone fails alone, with the reason, and the rest of its claim is sent", async () => {
    const id = await webhook("/orphan", "owner/orphan");
    await publish("owner/orphan", 1);
    const [lost] = ((await (await h.call(owner, "GET", `${HOOKS}/${id}/deliveries`)).json()) as DeliveryListResponse)
      .deliveries;
    await h.server.db
      .updateTable("events")
      .set({ payload: null })
      .where("id", "=", lost?.eventId as string)
      .execute();
    await publish("owner/orphan", 3);
    h.server.worker.start();
    await waitUntil(() => arrived("/orphan") === 3, 5_000, "the three other deliveries");
    const failed = await waitUntil(async () => {
      const page = (await (await h.call(owner, "GET", `${HOOKS}/${id}/deliveries`)).json()) as DeliveryListResponse;
      return page.deliveries.find((d) => d.id === lost?.id && d.status === "failed");
    }, 5_000);
    expect(failed).toMatchObject({ attempts: 0, nextAttemptAt: null });
    expect(failed.lastError).toMatch(/payload .*is gone/);
    await h.server.worker.stop();
  });
});
