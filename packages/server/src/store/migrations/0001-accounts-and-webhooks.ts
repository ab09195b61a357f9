import type { Kysely } from "kysely";
import type { Migration } from "./migration.js";

export const accountsAndWebhooks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("users")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("name", "text", (col) => col.notNull().unique())
      .addColumn("publisher", "integer", (col) => col.notNull().defaultTo(0))
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .execute();
    await db.schema
      .createTable("tokens")
      .addColumn("token_hash", "text", (col) => col.primaryKey())
      .addColumn("user_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .execute();
    await db.schema
      .createTable("orgs")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("name", "text", (col) => col.notNull().unique())
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .execute();
    await db.schema
      .createTable("org_members")
      .addColumn("org_id", "text", (col) => col.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("user_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addPrimaryKeyConstraint("org_members_pk", ["org_id", "user_id"])
      .execute();
    await db.schema
      .createTable("webhooks")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("owner_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("url", "text", (col) => col.notNull())
      .addColumn("secret", "text")
      .addColumn("domains", "text", (col) => col.notNull())
      .addColumn("disabled", "integer", (col) => col.notNull().defaultTo(0))
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("updated_at", "bigint", (col) => col.notNull())
      .execute();
    await db.schema.createIndex("webhooks_owner").on("webhooks").columns(["owner_id", "created_at"]).execute();
    await db.schema
      .createTable("webhook_watched")
      .addColumn("webhook_id", "text", (col) => col.notNull().references("webhooks.id").onDelete("cascade"))
      .addColumn("position", "integer", (col) => col.notNull())
      .addColumn("type", "text", (col) => col.notNull())
      .addColumn("name", "text", (col) => col.notNull())
      .addPrimaryKeyConstraint("webhook_watched_pk", ["webhook_id", "position"])
      .execute();
    await db.schema.createIndex("webhook_watched_target").on("webhook_watched").columns(["type", "name"]).execute();
  },
};
