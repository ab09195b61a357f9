import type { Kysely } from "kysely";
import type { Migration } from "./migration.js";

export const apiRateCounts: Migration = {
  async up(db: Kysely<unknown>) {
    // API requests per key (a token's hash, a client address) and minute, when processes share PostgreSQL.
    await db.schema
      .createTable("api_rate_counts")
      .addColumn("key", "text", (col) => col.notNull())
      .addColumn("window_start", "bigint", (col) => col.notNull())
      .addColumn("count", "integer", (col) => col.notNull())
      .addPrimaryKeyConstraint("api_rate_counts_pk", ["key", "window_start"])
      .execute();
    await db.schema.createIndex("api_rate_counts_window").on("api_rate_counts").column("window_start").execute();
  },
};
