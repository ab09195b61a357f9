import type { Kysely } from "kysely";
import type { Migration } from "./migration.js";

/** Scheduled jobs: a cron schedule and the spec of the job each run starts. */
export const scheduledJobs: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("scheduled_jobs")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("owner_id", "text", (col) => col.notNull())
      .addColumn("owner_name", "text", (col) => col.notNull())
      .addColumn("owner_type", "text", (col) => col.notNull())
      .addColumn("created_by", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("spec", "text", (col) => col.notNull())
      .addColumn("labels", "text")
      .addColumn("schedule", "text", (col) => col.notNull())
      .addColumn("suspend", "integer", (col) => col.notNull())
      .addColumn("concurrency", "integer", (col) => col.notNull())
      .addColumn("next_run_at", "bigint")
      .addColumn("last_job_id", "text")
      .addColumn("last_job_at", "bigint")
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("scheduled_jobs_owner")
      .on("scheduled_jobs")
      .columns(["owner_id", "created_at"])
      .execute();
    await db.schema.createIndex("scheduled_jobs_due").on("scheduled_jobs").column("next_run_at").execute();
  },
};
