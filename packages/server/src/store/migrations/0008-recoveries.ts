import type { Kysely } from "kysely";
import type { Migration } from "./migration.js";

export const recoveries: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("recoveries")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("webhook_id", "text", (col) => col.notNull().references("webhooks.id").onDelete("cascade"))
      .addColumn("since", "bigint", (col) => col.notNull())
      .addColumn("until", "bigint", (col) => col.notNull())
      .addColumn("status", "text", (col) => col.notNull())
      .addColumn("queued", "integer", (col) => col.notNull())
      .addColumn("cursor_created_at", "bigint", (col) => col.notNull())
      .addColumn("cursor_id", "text", (col) => col.notNull())
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("updated_at", "bigint", (col) => col.notNull())
      .execute();
    // One job per webhook and window: asking again returns it instead of queueing the same deliveries twice.
    await db.schema
      .createIndex("recoveries_window")
      .on("recoveries")
      .columns(["webhook_id", "since", "until"])
      .unique()
      .execute();
  },
};
