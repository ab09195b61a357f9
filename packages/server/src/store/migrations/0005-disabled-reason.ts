import type { Kysely } from "kysely";
import type { Migration } from "./migration.js";

export const disabledReason: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("webhooks").addColumn("disabled_reason", "text").execute();
  },
};
