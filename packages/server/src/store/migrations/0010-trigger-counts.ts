import { type Kysely, sql } from "kysely";
import type { Migration } from "./migration.js";

export const triggerCounts: Migration = {
  async up(db: Kysely<unknown>) {
    // The trigger limit's running count (store/trigger-counts.ts): per webhook and second, and per webhook the
    // sum from its first whole second in the window on.
    await db.schema
      .createTable("trigger_windows")
      .addColumn("webhook_id", "text", (col) => col.primaryKey().references("webhooks.id").onDelete("cascade"))
      .addColumn("first_bucket", "bigint", (col) => col.notNull())
      .addColumn("total", "bigint", (col) => col.notNull())
      .execute();
    await db.schema
      .createTable("trigger_buckets")
      .addColumn("webhook_id", "text", (col) => col.notNull().references("webhooks.id").onDelete("cascade"))
      .addColumn("bucket", "bigint", (col) => col.notNull())
      .addColumn("count", "bigint", (col) => col.notNull())
      .addPrimaryKeyConstraint("trigger_buckets_pk", ["webhook_id", "bucket"])
      .execute();
    // Counted from the deliveries of the default 24 h window, so a replay right after the upgrade finds its
    // webhook's count; the first ingest moves it to the configured window.
    const first = Math.floor((Date.now() - 86_400_000) / 1000) + 1;
    await sql`insert into trigger_buckets (webhook_id, bucket, count)
      select webhook_id, created_at / 1000, count(*) from deliveries where counted = 1 and created_at >= ${first * 1000}
      group by webhook_id, created_at / 1000`.execute(db);
    await sql`insert into trigger_windows (webhook_id, first_bucket, total)
      select w.id, cast(${first} as bigint), coalesce((select sum(b.count) from trigger_buckets b where b.webhook_id = w.id), 0)
      from webhooks w`.execute(db);
  },
};
