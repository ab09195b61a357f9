import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../../test-support/databases.js";
import { createUser } from "../accounts/account-store.js";
import { type OpenDatabase, openDatabase } from "../store/open-database.js";
import { claimDueDeliveries } from "./claim-due.js";

const NOW = 1_700_000_000_000;

describe.each(DIALECTS)("claiming due deliveries on %s", (dialect) => {
  let database: TestDatabase;
  let store: OpenDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = await openDatabase(database.location);
    const { account } = await createUser(store.db, "claimer");
    for (const id of ["a", "b", "c"]) {
      await store.db
        .insertInto("webhooks")
        .values({
          id: id.repeat(24),
          owner_id: account.id,
          url: `https://${id}.example/h`,
          secret: null,
          domains: '["repo"]',
          disabled: 0,
          disabled_reason: null,
          created_at: 1,
          updated_at: 1,
        })
        .execute();
    }
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  /** `count` deliveries of webhook `hook` ("a", "b" or "c"), due from `from` on, one millisecond apart. */
  async function queue(hook: string, count: number, from: number) {
    await store.db
      .insertInto("deliveries")
      .values(
        Array.from({ length: count }, (_, i) => ({
          id: `${hook}${String(from + i).padStart(23, "0")}`,
          webhook_id: hook.repeat(24),
          event_id: "e".repeat(24),
          status: "pending",
          scope: "repo",
          action: "update",
          repo_name: "model/claimer/x",
          payload: "{}",
          counted: 1,
          attempts: 0,
          next_attempt_at: from + i,
          lease_token: null,
          created_at: from + i,
          updated_at: from + i,
        })),
      )
      .execute();
  }
  const claim = (options: { limit: number; perWebhook: number; skipWebhooks?: string[]; now?: number }) =>
    claimDueDeliveries(store.db, store.dialect, { now: NOW, leaseMs: 60_000, skipWebhooks: [], ...options });
  const hooksOf = (claimed: Array<{ webhookId: string }>) => claimed.map((d) => d.webhookId[0]).join("");

  it("takes the oldest due first and at most `perWebhook` of each webhook", async () => {
    await queue("a", 5, NOW - 1_000);
    await queue("b", 2, NOW - 900);
    await queue("c", 1, NOW - 800);
    await queue("c", 1, NOW + 1_000); // not due yet
    expect(hooksOf(await claim({ limit: 10, perWebhook: 3 }))).toBe("aaabbc");
    // Claimed rows are leased: not due again until the lease ends.
    expect(hooksOf(await claim({ limit: 10, perWebhook: 3 }))).toBe("aa");
    expect(hooksOf(await claim({ limit: 10, perWebhook: 3 }))).toBe("");
  });

  it("looks at the oldest twice `limit` due rows only; skipping a busy webhook reaches the rows behind its backlog", async () => {
    await queue("a", 100, NOW - 700);
    await queue("b", 1, NOW - 100);
    expect(hooksOf(await claim({ limit: 10, perWebhook: 3 }))).toBe("aaa");
    expect(hooksOf(await claim({ limit: 10, perWebhook: 3, skipWebhooks: ["a".repeat(24)] }))).toBe("b");
    expect(hooksOf(await claim({ limit: 2, perWebhook: 50 }))).toBe("aa");
  });

  it("leases without moving the due time; a lease that ran out (its worker died) is claimed again, a held one not", async () => {
    await store.db.deleteFrom("deliveries").execute();
    await queue("a", 2, NOW - 500);
    const first = await claim({ limit: 10, perWebhook: 10 });
    expect(hooksOf(first)).toBe("aa");
    const rows = await store.db
      .selectFrom("deliveries")
      .select(["next_attempt_at", "leased_until", "lease_token"])
      .orderBy("id")
      .execute();
    expect(rows.map((row) => Number(row.next_attempt_at))).toEqual([NOW - 500, NOW - 499]);
    expect(rows.map((row) => Number(row.leased_until))).toEqual([NOW + 60_000, NOW + 60_000]);
    expect(hooksOf(await claim({ limit: 10, perWebhook: 10, now: NOW + 59_999 }))).toBe("");
    const again = await claim({ limit: 10, perWebhook: 10, now: NOW + 60_000 });
    expect(again.map((d) => d.id)).toEqual(first.map((d) => d.id));
    expect(again[0]?.leaseToken).not.toBe(first[0]?.leaseToken);
  });

  // PostgreSQL's alone: SQLite has no HOT updates (a claim there writes no index entry by its columns alone).
  // Registered only there, so no run reports a skipped test.
  if (dialect === "postgres")
    it("claims with HOT updates: no index entry written", async () => {
      await store.db.deleteFrom("deliveries").execute();
      await queue("b", 40, NOW - 400);
      // The backend's counts not yet reported: what the claim adds to them, read in the same transaction.
      const counts = await store.db.transaction().execute(async (trx) => {
        const stats = async () => {
          const { rows } = await sql<{ updated: string; hot: string }>`select
            pg_stat_get_xact_tuples_updated('deliveries'::regclass) as updated,
            pg_stat_get_xact_tuples_hot_updated('deliveries'::regclass) as hot`.execute(trx);
          return { updated: Number(rows[0]?.updated), hot: Number(rows[0]?.hot) };
        };
        const before = await stats();
        const claimed = await claimDueDeliveries(trx, store.dialect, {
          now: NOW,
          leaseMs: 60_000,
          limit: 40,
          perWebhook: 40,
          skipWebhooks: [],
        });
        const after = await stats();
        return { claimed: claimed.length, updated: after.updated - before.updated, hot: after.hot - before.hot };
      });
      expect(counts).toEqual({ claimed: 40, updated: 40, hot: 40 });
    });
});
