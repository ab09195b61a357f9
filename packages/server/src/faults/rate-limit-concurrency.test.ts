import { describe, expect, it } from "vitest";
import { count, report } from "../../../../test-support/faults.js";
import { DIALECTS, useServer } from "../test-support/harness.js";

const CLIENTS = 4;
const EVENTS_PER_CLIENT = count(300, 150);

describe.each(DIALECTS)("the trigger limit is exact under concurrency on %s", (dialect) => {
  const LIMIT = 10;
  const h = useServer(dialect, { delivery: { rateLimit: { limit: LIMIT, windowMs: 86_400_000 } } });

  it(`${CLIENTS} clients × ${EVENTS_PER_CLIENT} events in batches of 10 → exactly ${LIMIT} pending, the rest rate limited`, async () => {
    const owner = await h.user("limited");
    const hub = await h.user("limit-hub", { publisher: true });
    const created = await h.call(owner.token, "POST", "/api/settings/webhooks", {
      url: "https://example.com/limited",
      watched: [{ type: "user", name: "limited" }],
    });
    const { webhook } = (await created.json()) as { webhook: { id: string } };
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let sent = 0; sent < EVENTS_PER_CLIENT; sent += 10) {
          const batch = Array.from({ length: 10 }, (_, i) => ({
            event: { action: "update", scope: "repo" },
            repo: { type: "model", name: `limited/m-${client}-${sent + i}` },
          }));
          const res = await h.call(hub.token, "POST", "/api/events", batch);
          expect(res.status).toBe(202);
        }
      }),
    );
    const rows = await h.server.db
      .selectFrom("deliveries")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("webhook_id", "=", webhook.id)
      .groupBy("status")
      .execute();
    const byStatus = Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
    expect(byStatus).toEqual({ pending: LIMIT, rate_limited: CLIENTS * EVENTS_PER_CLIENT - LIMIT });
    report(
      `rate limit ${dialect}: ${CLIENTS} clients, ${CLIENTS * EVENTS_PER_CLIENT} events, limit ${LIMIT} → ${byStatus.pending} let through`,
    );
  });
});
