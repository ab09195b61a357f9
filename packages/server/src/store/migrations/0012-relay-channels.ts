import type { Kysely } from "kysely";
import type { Migration } from "./migration.js";

export const relayChannels: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("relay_channels")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("owner_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("webhook_id", "text", (col) => col.unique().references("webhooks.id").onDelete("cascade"))
      .addColumn("next_seq", "bigint", (col) => col.notNull())
      .addColumn("listener_seen_at", "bigint")
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("relay_channels_owner")
      .on("relay_channels")
      .columns(["owner_id", "created_at"])
      .execute();
    // Requests as received: headers as JSON [name, value] pairs, the body as base64 (bytes untouched).
    await db.schema
      .createTable("relay_events")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("channel_id", "text", (col) => col.notNull().references("relay_channels.id").onDelete("cascade"))
      .addColumn("seq", "bigint", (col) => col.notNull())
      .addColumn("method", "text", (col) => col.notNull())
      .addColumn("path", "text", (col) => col.notNull())
      .addColumn("headers", "text", (col) => col.notNull())
      .addColumn("body", "text", (col) => col.notNull())
      .addColumn("size", "integer", (col) => col.notNull())
      .addColumn("delivery_id", "text")
      .addColumn("received_at", "bigint", (col) => col.notNull())
      .addColumn("sends", "integer", (col) => col.notNull())
      .addColumn("acked_at", "bigint")
      .addColumn("answer_status", "integer")
      .addColumn("answer_duration_ms", "integer")
      .addColumn("answer_body", "text")
      .addColumn("answer_error", "text")
      .addColumn("answered_at", "bigint")
      .addUniqueConstraint("relay_events_seq", ["channel_id", "seq"])
      .execute();
  },
};
