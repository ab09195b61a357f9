import { type Kysely, sql } from "kysely";
import { humanDuration } from "../core/failure-warning.js";
import { jsonValues } from "../store/json-rows.js";
import type { DialectName } from "../store/open-database.js";
import type { Database } from "../store/schema.js";
import type { AttemptResult } from "./result-store.js";

/**
 * Keeps each webhook's failing streak: a success ends it, a failure starts it, and a webhook that has only
 * failed for `disableAfterMs` is disabled with the reason. Checked as results come in, so a webhook that keeps
 * failing is disabled at its first failure past the window. Returns how many webhooks it disabled.
 */
export async function recordWebhookHealth(
  db: Kysely<Database>,
  dialect: DialectName,
  results: AttemptResult[],
  disableAfterMs: number,
  now = Date.now(),
): Promise<number> {
  const succeeded = new Set<string>();
  const failed = new Set<string>();
  for (const { delivery, outcome } of results) (outcome.ok ? succeeded : failed).add(delivery.webhookId);
  for (const id of succeeded) failed.delete(id);
  if (failed.size === 0 && succeeded.size > 0) {
    // Only successes (most batches): there is a streak to end only where one began, so read that without a lock
    // first. Locking every batch's webhook rows made each result write wait for any ingest holding them.
    const streaks = await db
      .selectFrom("webhooks")
      .select("id")
      .where("id", "in", jsonValues(dialect, [...succeeded]))
      .where("failing_since", "is not", null)
      .execute();
    succeeded.clear();
    for (const { id } of streaks) succeeded.add(id);
  }
  if (succeeded.size + failed.size === 0) return 0;
  return await db.transaction().execute(async (trx) => {
    // The rows are locked in id order first, as ingest locks them: updates that took them in scan order deadlocked
    // with a concurrent ingest on PostgreSQL (SQLite runs one write transaction at a time).
    if (dialect === "postgres") {
      const all = jsonValues(dialect, [...succeeded, ...failed].sort());
      await sql`select id from webhooks where id in ${all} order by id for no key update`.execute(trx);
    }
    if (succeeded.size > 0) {
      await trx
        .updateTable("webhooks")
        .set({ failing_since: null })
        .where("id", "in", jsonValues(dialect, [...succeeded]))
        .where("failing_since", "is not", null)
        .execute();
    }
    if (failed.size === 0) return 0;
    const ids = jsonValues(dialect, [...failed]);
    await trx
      .updateTable("webhooks")
      .set({ failing_since: now })
      .where("id", "in", ids)
      .where("failing_since", "is", null)
      .execute();
    const [{ numUpdatedRows }] = (await trx
      .updateTable("webhooks")
      .set(() => ({
        disabled: 1,
        disabled_reason: `every delivery failed for ${humanDuration(disableAfterMs)}; enable the webhook once the receiver is fixed`,
        updated_at: now,
      }))
      .where("id", "in", ids)
      .where("disabled", "=", 0)
      .where("failing_since", "<=", now - disableAfterMs)
      .execute()) as [{ numUpdatedRows: bigint }];
    return Number(numUpdatedRows);
  });
}
