import type { Kysely } from "kysely";
import type { Migration } from "./migration.js";

export const payloadOncePerEvent: Migration = {
  async up(db: Kysely<unknown>) {
    // Fan-out to 10 000 webhooks writes one payload, not 10 000 copies of it.
    await db.schema.alterTable("events").addColumn("payload", "text").execute();
    await db.schema.createIndex("deliveries_event").on("deliveries").column("event_id").execute();
  },
};
