import type { Kysely } from "kysely";
import type { Migration } from "./migration.js";

export const sandbox: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("sandbox_repos")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("type", "text", (col) => col.notNull())
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("private", "integer", (col) => col.notNull())
      .addColumn("head_sha", "text", (col) => col.notNull())
      .addColumn("created_by", "text", (col) => col.notNull())
      .addColumn("next_discussion_num", "integer", (col) => col.notNull())
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("updated_at", "bigint", (col) => col.notNull())
      .addUniqueConstraint("sandbox_repos_type_name", ["type", "name"])
      .execute();
    // One row per file and ref; on a pull request's ref only what the PR changed (deleted = 1 for removals).
    await db.schema
      .createTable("sandbox_files")
      .addColumn("repo_id", "text", (col) => col.notNull().references("sandbox_repos.id").onDelete("cascade"))
      .addColumn("ref", "text", (col) => col.notNull())
      .addColumn("path", "text", (col) => col.notNull())
      .addColumn("content", "text", (col) => col.notNull())
      .addColumn("size", "integer", (col) => col.notNull())
      .addColumn("oid", "text", (col) => col.notNull())
      .addColumn("deleted", "integer", (col) => col.notNull())
      .addPrimaryKeyConstraint("sandbox_files_pk", ["repo_id", "ref", "path"])
      .execute();
    await db.schema
      .createTable("sandbox_refs")
      .addColumn("repo_id", "text", (col) => col.notNull().references("sandbox_repos.id").onDelete("cascade"))
      .addColumn("ref", "text", (col) => col.notNull())
      .addColumn("sha", "text", (col) => col.notNull())
      .addPrimaryKeyConstraint("sandbox_refs_pk", ["repo_id", "ref"])
      .execute();
    await db.schema
      .createTable("sandbox_discussions")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("repo_id", "text", (col) => col.notNull().references("sandbox_repos.id").onDelete("cascade"))
      .addColumn("num", "integer", (col) => col.notNull())
      .addColumn("title", "text", (col) => col.notNull())
      .addColumn("is_pull_request", "integer", (col) => col.notNull())
      .addColumn("status", "text", (col) => col.notNull())
      .addColumn("author_id", "text", (col) => col.notNull())
      .addColumn("merge_commit_id", "text")
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("updated_at", "bigint", (col) => col.notNull())
      .addUniqueConstraint("sandbox_discussions_num", ["repo_id", "num"])
      .execute();
    await db.schema
      .createTable("sandbox_discussion_events")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("discussion_id", "text", (col) =>
        col.notNull().references("sandbox_discussions.id").onDelete("cascade"),
      )
      .addColumn("type", "text", (col) => col.notNull())
      .addColumn("author_id", "text", (col) => col.notNull())
      .addColumn("data", "text", (col) => col.notNull())
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("updated_at", "bigint", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("sandbox_discussion_events_discussion")
      .on("sandbox_discussion_events")
      .columns(["discussion_id", "created_at"])
      .execute();
    // Changes made through the sandbox that followed a delivery: what the loop guard counts.
    await db.schema
      .createTable("sandbox_changes")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("webhook_id", "text", (col) => col.notNull().references("webhooks.id").onDelete("cascade"))
      .addColumn("actor_id", "text", (col) => col.notNull())
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("sandbox_changes_webhook")
      .on("sandbox_changes")
      .columns(["webhook_id", "created_at"])
      .execute();
    await db.schema
      .createTable("sandbox_loop_trips")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("webhook_id", "text", (col) => col.notNull().references("webhooks.id").onDelete("cascade"))
      .addColumn("actor_id", "text", (col) => col.notNull())
      .addColumn("changes", "integer", (col) => col.notNull())
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .execute();
  },
};
