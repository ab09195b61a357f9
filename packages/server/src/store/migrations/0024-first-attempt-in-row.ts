import type { Kysely } from "kysely";
import type { Migration } from "./migration.js";

export const firstAttemptInRow: Migration = {
  async up(db: Kysely<unknown>) {
    // A successful first attempt is recorded in its delivery's row (JSON of the attempt as the attempts table
    // holds it): one row update instead of an insert with two index entries and a foreign-key check.
    await db.schema.alterTable("deliveries").addColumn("first_attempt", "text").execute();
  },
};
