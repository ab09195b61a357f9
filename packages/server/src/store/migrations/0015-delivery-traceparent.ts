import type { Kysely } from "kysely";
import type { Migration } from "./migration.js";

export const deliveryTraceparent: Migration = {
  async up(db: Kysely<unknown>) {
    // The W3C trace context of the ingest that created a delivery (only while tracing is on): its attempts
    // continue that trace, in whichever worker makes them.
    await db.schema.alterTable("deliveries").addColumn("traceparent", "text").execute();
  },
};
