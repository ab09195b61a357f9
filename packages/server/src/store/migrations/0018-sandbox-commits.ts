import { type Kysely, sql } from "kysely";
import type { Migration } from "./migration.js";

/** The sandbox's commit history, refs' last commits, gating, a Space's sdk and moved repos' old names. */
export const sandboxCommits: Migration = {
  async up(db: Kysely<unknown>) {
    // Each commit's metadata (no trees: a ref's files are its rows in sandbox_files), for list_repo_commits and
    // the lastCommit of tree entries. Repos from before this migration start their history at their next commit.
    await db.schema
      .createTable("sandbox_commits")
      .addColumn("repo_id", "text", (col) => col.notNull().references("sandbox_repos.id").onDelete("cascade"))
      .addColumn("sha", "text", (col) => col.notNull())
      .addColumn("parent_sha", "text")
      .addColumn("title", "text", (col) => col.notNull())
      .addColumn("message", "text", (col) => col.notNull())
      .addColumn("author_id", "text")
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addPrimaryKeyConstraint("sandbox_commits_pk", ["repo_id", "sha"])
      .execute();
    // The commit that last wrote each file on its ref (null: written before this migration).
    await db.schema.alterTable("sandbox_files").addColumn("commit_sha", "text").execute();
    // Repo ids are compared case-insensitively, as on the Hub ("Alice/Demo" finds alice/demo).
    await sql`create index sandbox_repos_lower_name on sandbox_repos (type, lower(name))`.execute(db);
    // update_repo_settings(gated="auto"|"manual"), null when not gated; a Space's sdk as created.
    await db.schema.alterTable("sandbox_repos").addColumn("gated", "text").execute();
    await db.schema.alterTable("sandbox_repos").addColumn("sdk", "text").execute();
    // A moved repo's old names: reads and downloads there redirect (307) to where it went, as on the Hub.
    await db.schema
      .createTable("sandbox_repo_moves")
      .addColumn("repo_id", "text", (col) => col.notNull().references("sandbox_repos.id").onDelete("cascade"))
      .addColumn("type", "text", (col) => col.notNull())
      .addColumn("old_name", "text", (col) => col.notNull())
      .addColumn("moved_at", "bigint", (col) => col.notNull())
      .execute();
    await sql`create index sandbox_repo_moves_name on sandbox_repo_moves (type, lower(old_name))`.execute(db);
  },
};
