import type { Kysely } from "kysely";
import type { Migration } from "./migration.js";

export const signingSecrets: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("webhooks").addColumn("signing_secret", "text").execute();
    await db.schema.alterTable("webhooks").addColumn("previous_signing_secret", "text").execute();
    await db.schema.alterTable("webhooks").addColumn("previous_signing_expires_at", "bigint").execute();
  },
};
