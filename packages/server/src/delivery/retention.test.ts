import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { pruneOlderThan } from "./retention.js";

const DAY = 86_400_000;

describe.each(DIALECTS)("retention on %s", (dialect) => {
  const h = useServer(dialect, { delivery: { rateLimit: { limit: 1_000_000, windowMs: DAY } } });
  const count = async (table: "deliveries" | "events" | "attempts") =>
    Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(h.server.db)).rows[0]?.n);

  beforeAll(async () => {
    const owner = await h.user("keeper");
    const hub = await h.user("keeper-hub", { publisher: true });
    await h.call(owner.token, "POST", "/api/settings/webhooks", {
      url: "http://127.0.0.1:9/never",
      watched: [{ type: "user", name: "keeper" }],
    });
    // 2 500 events (one delivery each), in batches as the Hub's side posts them.
    for (let start = 0; start < 2500; start += 1000) {
      const events = Array.from({ length: Math.min(1000, 2500 - start) }, (_, i) => ({
        event: { action: "update", scope: "repo" },
        repo: { type: "model", name: `keeper/m-${start + i}` },
      }));
      expect((await h.call(hub.token, "POST", "/api/events", events)).status).toBe(202);
    }
    // 2 000 of them finished 40 days ago, each with an attempt; 200 are 40 days old but still pending (a retry);
    // the other 300 finished today.
    const old = Date.now() - 40 * DAY;
    const { db } = h.server;
    const ids = (await db.selectFrom("deliveries").select(["id", "event_id"]).orderBy("id").execute()).map((r) => r);
    const finishedOld = ids.slice(0, 2000);
    const pendingOld = ids.slice(2000, 2200);
    const inList = (rows: typeof ids) => rows.map((r) => r.id);
    await db
      .updateTable("deliveries")
      .set({ created_at: old, status: "delivered", next_attempt_at: null })
      .where("id", "in", inList(finishedOld))
      .execute();
    await db.updateTable("deliveries").set({ created_at: old }).where("id", "in", inList(pendingOld)).execute();
    await db
      .updateTable("deliveries")
      .set({ status: "delivered", next_attempt_at: null })
      .where("id", "in", inList(ids.slice(2200)))
      .execute();
    await db
      .updateTable("events")
      .set({ created_at: old })
      .where(
        "id",
        "in",
        [...finishedOld, ...pendingOld].map((r) => r.event_id),
      )
      .execute();
    await db
      .insertInto("attempts")
      .values(
        finishedOld.map((r, i) => ({
          id: `a${String(i).padStart(23, "0")}`,
          delivery_id: r.id,
          attempt: 1,
          trigger: "auto",
          started_at: old,
          duration_ms: 1,
          url: "http://127.0.0.1:9/never",
          request_headers: "{}",
          status_code: 200,
          response_headers: "{}",
          response_body: "",
          error: null,
        })),
      )
      .execute();
  });

  it("prunes finished deliveries, their attempts and their events past the retention, in batches; keeps the rest", async () => {
    expect([await count("deliveries"), await count("events"), await count("attempts")]).toEqual([2500, 2500, 2000]);
    const result = await pruneOlderThan(h.server.db, Date.now() - 30 * DAY, { batchSize: 700 });
    expect(result).toMatchObject({ deliveries: 2000, events: 2000 });
    // 2 000 rows at 700 a batch: 3 batches each (the last one short), never one statement over all of them.
    expect(result.batches).toBe(6);
    expect([await count("deliveries"), await count("events"), await count("attempts")]).toEqual([500, 500, 0]);
    const left = await h.server.db.selectFrom("deliveries").select("status").execute();
    expect(left.filter((r) => r.status === "pending")).toHaveLength(200);
    // Nothing more to do the second time.
    expect(await pruneOlderThan(h.server.db, Date.now() - 30 * DAY, { batchSize: 700 })).toEqual({
      deliveries: 0,
      events: 0,
      batches: 2,
    });
  });
});
