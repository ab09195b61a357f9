import { type Kysely, sql } from "kysely";
import type { Migration } from "./migration.js";

/**
 * Which delivery attempt started a job: the activity log shows that job's stage as it is now, and a worker that
 * died after starting the job but before recording the attempt finds it again instead of starting a second one.
 */
export const jobDeliveries: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("jobs").addColumn("delivery_id", "text").execute();
    await db.schema.alterTable("jobs").addColumn("delivery_attempt", "integer").execute();
    // One job per attempt of a delivery; jobs nobody's delivery started (null) are not in it.
    await sql`create unique index jobs_delivery_attempt on jobs (delivery_id, delivery_attempt) where delivery_id is not null`.execute(
      db,
    );
  },
};
