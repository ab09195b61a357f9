import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useServer } from "../test-support/harness.js";
import type { ClaimedDelivery } from "./delivery-store.js";
import type { AttemptResult } from "./result-store.js";
import { recordWebhookHealth } from "./webhook-health.js";

const success = (webhookId: string): AttemptResult => ({
  delivery: { id: "d", webhookId, eventId: "e", payload: "", attempts: 0, leaseToken: "t" } as ClaimedDelivery,
  url: "https://example.com",
  requestHeaders: {},
  outcome: {
    ok: true,
    statusCode: 200,
    error: null,
    durationMs: 1,
    startedAt: Date.now(),
    responseHeaders: {},
    responseBody: "",
  },
  retryAt: undefined,
});

// Ingest holds its matched webhooks' rows locked for its whole transaction. Results of a healthy webhook have no
// streak to end and must not wait for that lock (they did, on every batch: the worker stalled behind ingest).
describe("webhook health of successes does not wait for a webhook row lock (postgres)", () => {
  const h = useServer("postgres");

  it("records successes of a healthy webhook while another transaction holds its row", async () => {
    const owner = await h.user("health-lock-owner");
    const res = await h.call(owner.token, "POST", "/api/settings/webhooks", {
      url: "https://example.com/h",
      watched: [{ type: "user", name: "health-lock-owner" }],
    });
    const id = ((await res.json()) as { webhook: { id: string } }).webhook.id;
    const { db } = h.server;
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked: () => void = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = db.transaction().execute(async (trx) => {
      await sql`select id from webhooks where id = ${id} for no key update`.execute(trx);
      locked();
      await released;
    });
    await isLocked;
    const outcome = await Promise.race([
      recordWebhookHealth(db, "postgres", [success(id)], 86_400_000).then(() => "recorded"),
      new Promise((resolve) => setTimeout(() => resolve("still waiting after 15 s"), 15_000)),
    ]);
    release();
    await holder;
    expect(outcome).toBe("recorded");
  }, 60_000);
});
