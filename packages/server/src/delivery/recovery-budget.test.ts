import { describe, expect, it } from "vitest";
import { DIALECTS, useServer, waitUntil } from "../test-support/harness.js";

const HOOKS = "/api/settings/webhooks";
const LIMIT = 100;
const FAILED = 150;

// Bulk recovery re-queued every failed delivery of its window, and a window 1 ms different was a new job that
// re-queued them all again: 10 000 sends for 1 500 events, outside the trigger limit.
describe.each(DIALECTS)("bulk recovery stays within the webhook's budget (%s)", (dialect) => {
  const h = useServer(dialect, { delivery: { rateLimit: { limit: LIMIT, windowMs: 86_400_000 } } });

  it(`queues at most ${LIMIT} (the trigger limit) a day, and no delivery twice across overlapping windows`, async () => {
    const owner = await h.user("budget-owner");
    const created = await h.call(owner.token, "POST", HOOKS, {
      url: "https://example.com/r",
      watched: [{ type: "user", name: "budget-owner" }],
    });
    const { webhook } = (await created.json()) as { webhook: { id: string } };
    const now = Date.now();
    const rows = Array.from({ length: FAILED }, (_, i) => ({
      id: `${(Math.floor(now / 1000) - 3600).toString(16)}${i.toString(16).padStart(16, "0")}`,
      webhook_id: webhook.id,
      event_id: "e".repeat(24),
      status: "failed",
      scope: "repo",
      action: "update",
      repo_name: "model/budget-owner/x",
      payload: "{}",
      counted: 1,
      attempts: 8,
      next_attempt_at: null,
      lease_token: null,
      last_status_code: 500,
      last_error: "HTTP 500",
      last_duration_ms: 1,
      created_at: now - 3_600_000 + i,
      updated_at: now,
    }));
    await h.server.db.insertInto("deliveries").values(rows).execute();

    const recover = async (since: number) => {
      const res = await h.call(owner.token, "POST", `${HOOKS}/${webhook.id}/recover`, { since });
      expect(res.status).toBe(202);
      const { recovery } = (await res.json()) as { recovery: { id: string } };
      return waitUntil(async () => {
        const job = (await (
          await h.call(owner.token, "GET", `${HOOKS}/${webhook.id}/recover/${recovery.id}`)
        ).json()) as {
          recovery: { status: string; queued: number };
        };
        return job.recovery.status === "done" && job.recovery;
      });
    };
    const first = await recover(now - 2 * 3_600_000);
    expect(first.queued).toBe(LIMIT);
    // The queued ones fail again (no worker here sends them): a second, overlapping window must not take them again,
    // and the budget is spent.
    await h.server.db.updateTable("deliveries").set({ status: "failed", next_attempt_at: null }).execute();
    const second = await recover(now - 2 * 3_600_000 + 1);
    expect(second.queued).toBe(0);
    const recovered = await h.server.db
      .selectFrom("deliveries")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("recovered_at", "is not", null)
      .executeTakeFirstOrThrow();
    expect(Number(recovered.n)).toBe(LIMIT);
  });
});
