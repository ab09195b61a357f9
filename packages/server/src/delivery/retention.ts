import { type Kysely, sql } from "kysely";
import type { ServerDeps } from "../core/deps.js";
import type { Database } from "../store/schema.js";

/** Rows deleted per statement: each batch is a short transaction of its own, whatever the backlog. */
export const PRUNE_BATCH = 1000;
/** Breathing room between batches, so ingest and result writes (SQLite's one writer) get in between. */
const PAUSE_MS = 5;

export interface PruneResult {
  deliveries: number;
  events: number;
  batches: number;
}

/**
 * Deletes finished deliveries (their attempts go with them) and then events older than `cutoff`, a batch at a
 * time, oldest first (the created_at indexes): never one statement over a month of rows that would lock the
 * tables, or hold SQLite's write lock, for as long as it runs. `stopped` ends it between batches.
 */
export async function pruneOlderThan(
  db: Kysely<Database>,
  cutoff: number,
  options: { batchSize?: number; stopped?: () => boolean } = {},
): Promise<PruneResult> {
  const batchSize = options.batchSize ?? PRUNE_BATCH;
  const result: PruneResult = { deliveries: 0, events: 0, batches: 0 };
  const more = (deleted: number) => deleted === batchSize && !options.stopped?.();
  for (;;) {
    const { numDeletedRows } = await db
      .deleteFrom("deliveries")
      .where(
        "id",
        "in",
        db
          .selectFrom("deliveries")
          .select("id")
          .where("created_at", "<", cutoff)
          .where("next_attempt_at", "is", null)
          .orderBy("created_at")
          .limit(batchSize),
      )
      .executeTakeFirst();
    result.deliveries += Number(numDeletedRows);
    result.batches++;
    if (!more(Number(numDeletedRows))) break;
    await pause();
  }
  for (;;) {
    // An event goes once no delivery needs its payload any more.
    const { numDeletedRows } = await db
      .deleteFrom("events")
      .where(
        "id",
        "in",
        db
          .selectFrom("events")
          .select("id")
          .where("created_at", "<", cutoff)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom("deliveries").select(sql`1`.as("one")).whereRef("deliveries.event_id", "=", "events.id"),
              ),
            ),
          )
          .orderBy("created_at")
          .limit(batchSize),
      )
      .executeTakeFirst();
    result.events += Number(numDeletedRows);
    result.batches++;
    if (!more(Number(numDeletedRows))) break;
    await pause();
  }
  return result;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, PAUSE_MS));

/** Deletes what is past the retention (`config.retentionMs`), logging what went or why it could not. */
export async function pruneExpired({ db, config, logger }: ServerDeps, stopped: () => boolean): Promise<void> {
  try {
    const removed = await pruneOlderThan(db, Date.now() - config.retentionMs, { stopped });
    if (removed.deliveries + removed.events > 0) logger.info(removed, "pruned old deliveries and events");
  } catch (error) {
    logger.error({ err: error }, "could not prune old deliveries");
  }
}
