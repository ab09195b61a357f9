import type { Kysely } from "kysely";
import type { Migration } from "./migration.js";

export const eventsAndDeliveries: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("events")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("publisher_id", "text", (col) => col.notNull())
      .addColumn("scope", "text", (col) => col.notNull())
      .addColumn("action", "text", (col) => col.notNull())
      .addColumn("repo_name", "text", (col) => col.notNull())
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .execute();
    await db.schema.createIndex("events_created").on("events").column("created_at").execute();
    await db.schema
      .createTable("deliveries")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("webhook_id", "text", (col) => col.notNull().references("webhooks.id").onDelete("cascade"))
      .addColumn("event_id", "text", (col) => col.notNull())
      .addColumn("status", "text", (col) => col.notNull())
      .addColumn("scope", "text", (col) => col.notNull())
      .addColumn("action", "text", (col) => col.notNull())
      .addColumn("repo_name", "text", (col) => col.notNull())
      .addColumn("payload", "text", (col) => col.notNull())
      .addColumn("counted", "integer", (col) => col.notNull())
      .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
      .addColumn("next_attempt_at", "bigint")
      .addColumn("lease_token", "text")
      .addColumn("last_status_code", "integer")
      .addColumn("last_error", "text")
      .addColumn("last_duration_ms", "integer")
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("updated_at", "bigint", (col) => col.notNull())
      .execute();
    // Only unfinished rows carry next_attempt_at, so the claim scans due work and nothing else.
    await db.schema.createIndex("deliveries_due").on("deliveries").columns(["next_attempt_at"]).execute();
    await db.schema
      .createIndex("deliveries_webhook")
      .on("deliveries")
      .columns(["webhook_id", "created_at", "id"])
      .execute();
    await db.schema.createIndex("deliveries_created").on("deliveries").column("created_at").execute();
    await db.schema
      .createTable("attempts")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("delivery_id", "text", (col) => col.notNull().references("deliveries.id").onDelete("cascade"))
      .addColumn("attempt", "integer", (col) => col.notNull())
      .addColumn("trigger", "text", (col) => col.notNull())
      .addColumn("started_at", "bigint", (col) => col.notNull())
      .addColumn("duration_ms", "integer", (col) => col.notNull())
      .addColumn("url", "text", (col) => col.notNull())
      .addColumn("request_headers", "text", (col) => col.notNull())
      .addColumn("status_code", "integer")
      .addColumn("response_headers", "text", (col) => col.notNull())
      .addColumn("response_body", "text", (col) => col.notNull())
      .addColumn("error", "text")
      .execute();
    await db.schema.createIndex("attempts_delivery").on("attempts").columns(["delivery_id", "started_at"]).execute();
  },
};
