import type { Kysely } from "kysely";
import type { Migration } from "./migration.js";

export const recoveryBudget: Migration = {
  async up(db: Kysely<unknown>) {
    // When bulk recovery last queued a delivery: once a window, and within the webhook's daily budget.
    await db.schema.alterTable("deliveries").addColumn("recovered_at", "bigint").execute();
    await db.schema
      .createIndex("deliveries_recovered")
      .on("deliveries")
      .columns(["webhook_id", "recovered_at"])
      .execute();
  },
};
