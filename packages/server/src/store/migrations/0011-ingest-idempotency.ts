import type { Kysely } from "kysely";
import type { Migration } from "./migration.js";

export const ingestIdempotency: Migration = {
  async up(db: Kysely<unknown>) {
    // A publisher's Idempotency-Key and the answer given to it; event ids a publisher gave, with their results.
    await db.schema
      .createTable("ingest_requests")
      .addColumn("publisher_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("key", "text", (col) => col.notNull())
      .addColumn("fingerprint", "text", (col) => col.notNull())
      .addColumn("status", "integer", (col) => col.notNull())
      .addColumn("body", "text", (col) => col.notNull())
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addPrimaryKeyConstraint("ingest_requests_pk", ["publisher_id", "key"])
      .execute();
    await db.schema.createIndex("ingest_requests_created").on("ingest_requests").column("created_at").execute();
    await db.schema
      .createTable("ingest_event_ids")
      .addColumn("publisher_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("event_id", "text", (col) => col.notNull())
      .addColumn("fingerprint", "text", (col) => col.notNull())
      .addColumn("result", "text", (col) => col.notNull())
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addPrimaryKeyConstraint("ingest_event_ids_pk", ["publisher_id", "event_id"])
      .execute();
    await db.schema.createIndex("ingest_event_ids_created").on("ingest_event_ids").column("created_at").execute();
  },
};
