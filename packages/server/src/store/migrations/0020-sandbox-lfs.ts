import type { Kysely } from "kysely";
import type { Migration } from "./migration.js";

/** Large files of the sandbox through Git LFS: which files are LFS pointers, the objects each repo has, uploads. */
export const sandboxLfs: Migration = {
  async up(db: Kysely<unknown>) {
    // An LFS file's row holds its pointer as content and the object's size as size; its object id (sha256) here.
    await db.schema.alterTable("sandbox_files").addColumn("lfs_sha256", "text").execute();
    // The LFS objects a repo has received (uploaded and checked): a commit may only point at one of its own, so
    // knowing another repo's object id is not enough to read it. The bytes live on disk, once per sha256.
    await db.schema
      .createTable("sandbox_lfs_objects")
      .addColumn("repo_id", "text", (col) => col.notNull().references("sandbox_repos.id").onDelete("cascade"))
      .addColumn("sha256", "text", (col) => col.notNull())
      .addColumn("size", "bigint", (col) => col.notNull())
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addPrimaryKeyConstraint("sandbox_lfs_objects_pk", ["repo_id", "sha256"])
      .execute();
    // Upload URLs the batch endpoint handed out: the URL carries a random token (its sha256 is the id), as a
    // presigned storage URL would, because huggingface_hub sends no Authorization header to upload URLs.
    await db.schema
      .createTable("sandbox_lfs_uploads")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("repo_id", "text", (col) => col.notNull().references("sandbox_repos.id").onDelete("cascade"))
      .addColumn("sha256", "text", (col) => col.notNull())
      .addColumn("size", "bigint", (col) => col.notNull())
      // 0: one PUT of the whole object (basic transfer); else the part size of a multipart upload.
      .addColumn("chunk_size", "bigint", (col) => col.notNull())
      .addColumn("expires_at", "bigint", (col) => col.notNull())
      .execute();
  },
};
