import type { Kysely } from "kysely";
import type { Migration } from "./migration.js";

export const failingSince: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("webhooks").addColumn("failing_since", "bigint").execute();
  },
};
