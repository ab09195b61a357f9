import { describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
import type { ClaimedDelivery } from "./delivery-store.js";
import type { AttemptResult } from "./result-store.js";
import { recordWebhookHealth } from "./webhook-health.js";

const HOOKS = "/api/settings/webhooks";
const WEBHOOKS = 40;
const ROUNDS = 60;

const result = (webhookId: string, ok: boolean): AttemptResult => ({
  delivery: { id: "x", webhookId, eventId: "e", payload: "", attempts: 0, leaseToken: "t" } as ClaimedDelivery,
  url: "https://example.com",
  requestHeaders: {},
  outcome: {
    ok,
    statusCode: ok ? 200 : 500,
    error: ok ? null : "HTTP 500",
    durationMs: 1,
    startedAt: Date.now(),
    responseHeaders: {},
    responseBody: "",
  },
  retryAt: undefined,
});

// Ingest locks the matched webhooks' rows in id order; the worker's health writes update the same rows. Taken in
// any other order, the two deadlock on PostgreSQL under load (seen by the model test: a 500 on POST /api/events).
describe.each(DIALECTS)("ingest and webhook health take webhook rows in one order (%s)", (dialect) => {
  const h = useServer(dialect, { delivery: { rateLimit: { limit: 1_000_000_000, windowMs: 86_400_000 } } });

  it(`runs ${ROUNDS} rounds of both at once without a deadlock`, async () => {
    const hub = (await h.user("hub", { publisher: true })).token;
    const owner = await h.user("lock-owner");
    const ids: string[] = [];
    for (let i = 0; i < WEBHOOKS; i++) {
      const res = await h.call(owner.token, "POST", HOOKS, {
        url: `https://example.com/${i}`,
        watched: [{ type: "user", name: "lock-owner" }],
      });
      ids.push(((await res.json()) as { webhook: { id: string } }).webhook.id);
    }
    const { db } = h.server;
    const statuses: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Failures in descending id order, successes ascending: every order a batch of results can come in.
      const results = [...ids].reverse().map((id, i) => result(id, (i + round) % 3 === 0));
      const [res] = await Promise.all([
        h.call(hub, "POST", "/api/events", {
          event: { action: "update", scope: "repo" },
          repo: { type: "model", name: "lock-owner/m" },
        }),
        recordWebhookHealth(db, dialect, results, 86_400_000),
        recordWebhookHealth(db, dialect, results.slice().reverse(), 86_400_000),
      ]);
      statuses.push(res.status);
    }
    expect(statuses.filter((status) => status !== 202)).toEqual([]);
  }, 120_000);
});
