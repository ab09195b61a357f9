import { type Kysely, PostgresAdapter, sql } from "kysely";
import type { Migration } from "./migration.js";

/** Room left in each page of `deliveries` for the claim's new row versions (PostgreSQL); see below. */
const DELIVERIES_FILLFACTOR = 40;

export const deliveryLease: Migration = {
  async up(db: Kysely<unknown>) {
    // A claim sets the lease's end here instead of moving next_attempt_at: it changes no indexed column, so on
    // PostgreSQL it is a HOT update (a new row version on the same page, no index entry written) and on SQLite it
    // touches no index at all. Only the result (delivered, failed, or a retry's new due time) moves the due index.
    // Rows claimed before this migration keep next_attempt_at at their lease's end, which still means the same.
    await db.schema.alterTable("deliveries").addColumn("leased_until", "bigint").execute();
    // Finished rows (most of the table) leave the due index instead of filling it with nulls.
    await db.schema.dropIndex("deliveries_due").execute();
    await sql`create index deliveries_due on deliveries (next_attempt_at) where next_attempt_at is not null`.execute(
      db,
    );
    // Two more indexes only some rows need, so the ingest's insert and the result's update write fewer entries:
    // retention reads finished rows by age (in flight ones have a due time), and the recovery budget counts
    // recovered rows (most never are).
    await db.schema.dropIndex("deliveries_created").execute();
    await sql`create index deliveries_created on deliveries (created_at) where next_attempt_at is null`.execute(db);
    await db.schema.dropIndex("deliveries_recovered").execute();
    await sql`create index deliveries_recovered on deliveries (webhook_id, recovered_at)
      where recovered_at is not null`.execute(db);
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      // A claim updates every row of the pages it takes (ingest writes a batch's rows side by side, the claim takes
      // them oldest first), and a HOT update needs room on the row's own page: half of each new page is left free.
      await sql`alter table deliveries set (fillfactor = ${sql.lit(DELIVERIES_FILLFACTOR)})`.execute(db);
    }
  },
};
