import { beforeAll, describe, expect, it } from "vitest";
import { newObjectId } from "../core/ids.js";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { countAgainstLimit, openTriggerWindow } from "./trigger-counts.js";

const WINDOW_MS = 10_000;

describe.each(DIALECTS)("trigger counts on %s", (dialect) => {
  const h = useServer(dialect);
  let webhookId: string;
  let other: string;

  beforeAll(async () => {
    const owner = await h.user("counted");
    const create = async (name: string) => {
      const res = await h.call(owner.token, "POST", "/api/settings/webhooks", {
        url: "https://example.com/hook",
        watched: [{ type: "model", name }],
      });
      return ((await res.json()) as { webhook: { id: string } }).webhook.id;
    };
    webhookId = await create("counted/a");
    other = await create("counted/b");
  });

  /** What the limit means: counted deliveries of the webhook created after `since`. */
  async function countedSince(id: string, since: number): Promise<number> {
    const row = await h.server.db
      .selectFrom("deliveries")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("webhook_id", "=", id)
      .where("counted", "=", 1)
      .where("created_at", ">", since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** One ingest at `now`: reads the window, then writes `counted` + `limited` deliveries per webhook and saves. */
  async function ingest(now: number, since: number, rows: Array<{ id: string; counted: number; limited: number }>) {
    return h.server.db.transaction().execute(async (trx) => {
      const ids = rows.map((row) => row.id).sort();
      const window = await openTriggerWindow(trx, h.server.dialect, ids, since);
      const values = rows.flatMap((row) =>
        Array.from({ length: row.counted + row.limited }, (_, i) => ({
          id: newObjectId(now),
          webhook_id: row.id,
          event_id: newObjectId(now),
          status: i < row.counted ? "delivered" : "rate_limited",
          scope: "repo",
          action: "update",
          repo_name: "model/counted/a",
          payload: "",
          counted: i < row.counted ? 1 : 0,
          attempts: 0,
          next_attempt_at: null,
          created_at: now,
          updated_at: now,
        })),
      );
      if (values.length > 0) await trx.insertInto("deliveries").values(values).execute();
      await window.save(new Map(rows.map((row) => [row.id, row.counted])), now);
      return window.used;
    });
  }

  it("counts exactly what the deliveries say as the window slides, goes back, and replays count old rows", async () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    // A clock of its own, from a minute ago: steps of a few ms to several windows, now and then a step back.
    let now = Date.now() - 60_000;
    for (let step = 0; step < 150; step++) {
      const r = random();
      now += r < 0.5 ? Math.floor(random() * 700) : r < 0.9 ? Math.floor(random() * 4_000) : WINDOW_MS * 2;
      // Another process's clock a little behind, or a window made longer: the window moves back.
      const since = now - WINDOW_MS - (random() < 0.1 ? Math.floor(random() * 5_000) : 0);
      const rows = [
        { id: webhookId, counted: Math.floor(random() * 4), limited: Math.floor(random() * 2) },
        ...(random() < 0.5 ? [{ id: other, counted: 1, limited: 0 }] : []),
      ];
      const expected = new Map<string, number>();
      for (const row of rows) expected.set(row.id, await countedSince(row.id, since));
      const used = await ingest(now, since, rows);
      for (const row of rows) expect(used.get(row.id), `step ${step}, ${row.id}`).toBe(expected.get(row.id));

      if (random() < 0.3) {
        // A replay or recovery of rate-limited deliveries, some still in the window, some not.
        const limited = await h.server.db
          .selectFrom("deliveries")
          .select("id")
          .where("webhook_id", "=", webhookId)
          .where("counted", "=", 0)
          .execute();
        const picked = limited.filter(() => random() < 0.5).map((row) => row.id);
        await h.server.db.transaction().execute((trx) => countAgainstLimit(trx, picked));
      }
    }
  });

  it("a webhook with deliveries but no count yet is counted once from its deliveries", async () => {
    await h.server.db.deleteFrom("trigger_windows").execute();
    await h.server.db.deleteFrom("trigger_buckets").execute();
    const now = Date.now() + 120_000;
    const since = now - WINDOW_MS * 100;
    const expected = await countedSince(webhookId, since);
    expect(expected).toBeGreaterThan(0);
    const used = await ingest(now, since, [{ id: webhookId, counted: 2, limited: 0 }]);
    expect(used.get(webhookId)).toBe(expected);
    const next = await ingest(now + 1, since + 1, [{ id: webhookId, counted: 0, limited: 0 }]);
    expect(next.get(webhookId)).toBe(await countedSince(webhookId, since + 1));
  });

  it("deleting a webhook deletes its counts", async () => {
    await h.server.db.deleteFrom("webhooks").where("id", "=", other).execute();
    const left = await h.server.db
      .selectFrom("trigger_buckets")
      .select("bucket")
      .where("webhook_id", "=", other)
      .execute();
    const window = await h.server.db
      .selectFrom("trigger_windows")
      .select("total")
      .where("webhook_id", "=", other)
      .execute();
    expect([left.length, window.length]).toEqual([0, 0]);
  });
});
