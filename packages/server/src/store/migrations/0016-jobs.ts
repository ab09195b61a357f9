import type { Kysely } from "kysely";
import type { Migration } from "./migration.js";

/** Jobs (`/api/jobs`) and their output, one row a line. */
export const jobs: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("jobs")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("owner_id", "text", (col) => col.notNull())
      .addColumn("owner_name", "text", (col) => col.notNull())
      .addColumn("owner_type", "text", (col) => col.notNull())
      .addColumn("created_by", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("spec", "text", (col) => col.notNull())
      .addColumn("labels", "text")
      .addColumn("stage", "text", (col) => col.notNull())
      .addColumn("message", "text")
      .addColumn("initiator", "text")
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("started_at", "bigint")
      .addColumn("finished_at", "bigint")
      .addColumn("heartbeat_at", "bigint")
      .addColumn("runner_token", "text")
      .addColumn("log_bytes", "bigint", (col) => col.notNull().defaultTo(0))
      .addColumn("log_lines", "integer", (col) => col.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex("jobs_owner").on("jobs").columns(["owner_id", "created_at"]).execute();
    await db.schema.createIndex("jobs_stage").on("jobs").columns(["stage", "created_at"]).execute();
    await db.schema
      .createTable("job_logs")
      .addColumn("job_id", "text", (col) => col.notNull().references("jobs.id").onDelete("cascade"))
      .addColumn("seq", "integer", (col) => col.notNull())
      .addColumn("at", "bigint", (col) => col.notNull())
      .addColumn("line", "text", (col) => col.notNull())
      .addPrimaryKeyConstraint("job_logs_pk", ["job_id", "seq"])
      .execute();
  },
};
