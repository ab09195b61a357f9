import type { Kysely } from "kysely";
import type { Migration } from "./migration.js";

/** A sandbox Space's settings: its secrets and variables, and the runtime it would have (nothing runs). */
export const sandboxSpaces: Migration = {
  async up(db: Kysely<unknown>) {
    // Secrets keep their key and description only: no Space runs here to use a value, so none is stored.
    await db.schema
      .createTable("sandbox_space_settings")
      .addColumn("repo_id", "text", (col) => col.notNull().references("sandbox_repos.id").onDelete("cascade"))
      .addColumn("kind", "text", (col) => col.notNull()) // "secret" | "variable"
      .addColumn("key", "text", (col) => col.notNull())
      .addColumn("value", "text")
      .addColumn("description", "text")
      .addColumn("updated_at", "bigint", (col) => col.notNull())
      .addPrimaryKeyConstraint("sandbox_space_settings_pk", ["repo_id", "kind", "key"])
      .execute();
    // JSON {requested, sleepTime, paused}: what get_space_runtime shows; null until changed.
    await db.schema.alterTable("sandbox_repos").addColumn("space_runtime", "text").execute();
  },
};
