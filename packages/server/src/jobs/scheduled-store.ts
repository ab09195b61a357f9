import type { Kysely } from "kysely";
import { newObjectId } from "../core/ids.js";
import type { StoredJobSpec } from "../core/job-spec.js";
import type { Database, ScheduledJobRow } from "../store/schema.js";
import type { Namespace } from "./namespace.js";

export async function insertScheduledJob(
  db: Kysely<Database>,
  job: {
    namespace: Namespace;
    createdBy: string;
    spec: StoredJobSpec;
    labels: Record<string, string> | null;
    schedule: string;
    suspend: boolean;
    concurrency: boolean;
    nextRunAt: number | null;
  },
): Promise<ScheduledJobRow> {
  const now = Date.now();
  const row: ScheduledJobRow = {
    id: newObjectId(now),
    owner_id: job.namespace.id,
    owner_name: job.namespace.name,
    owner_type: job.namespace.type,
    created_by: job.createdBy,
    spec: JSON.stringify(job.spec),
    labels: job.labels ? JSON.stringify(job.labels) : null,
    schedule: job.schedule,
    suspend: job.suspend ? 1 : 0,
    concurrency: job.concurrency ? 1 : 0,
    next_run_at: job.suspend ? null : job.nextRunAt,
    last_job_id: null,
    last_job_at: null,
    created_at: now,
  };
  await db.insertInto("scheduled_jobs").values(row).execute();
  return row;
}

export async function findScheduledJob(db: Kysely<Database>, ownerId: string, id: string) {
  return db
    .selectFrom("scheduled_jobs")
    .selectAll()
    .where("id", "=", id)
    .where("owner_id", "=", ownerId)
    .executeTakeFirst();
}

export async function listScheduledJobs(db: Kysely<Database>, ownerId: string): Promise<ScheduledJobRow[]> {
  return db
    .selectFrom("scheduled_jobs")
    .selectAll()
    .where("owner_id", "=", ownerId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1000)
    .execute();
}

export async function deleteScheduledJob(db: Kysely<Database>, ownerId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom("scheduled_jobs")
    .where("id", "=", id)
    .where("owner_id", "=", ownerId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Suspends (no next run) or resumes (next run from now) a scheduled job. */
export async function setSuspended(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
  suspend: boolean,
  nextRunAt: number | null,
): Promise<void> {
  await db
    .updateTable("scheduled_jobs")
    .set({ suspend: suspend ? 1 : 0, next_run_at: suspend ? null : nextRunAt })
    .where("id", "=", id)
    .where("owner_id", "=", ownerId)
    .execute();
}

/** Replaces a scheduled job's labels (those of the runs it starts from now on); undefined if it is not theirs. */
export async function setScheduledLabels(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
  labels: Record<string, string>,
): Promise<ScheduledJobRow | undefined> {
  await db
    .updateTable("scheduled_jobs")
    .set({ labels: Object.keys(labels).length ? JSON.stringify(labels) : null })
    .where("id", "=", id)
    .where("owner_id", "=", ownerId)
    .execute();
  return findScheduledJob(db, ownerId, id);
}

/** Scheduled jobs due at `now`, oldest due first. */
export async function dueScheduledJobs(db: Kysely<Database>, now: number, limit: number): Promise<ScheduledJobRow[]> {
  return db
    .selectFrom("scheduled_jobs")
    .selectAll()
    .where("suspend", "=", 0)
    .where("next_run_at", "<=", now)
    .orderBy("next_run_at")
    .limit(limit)
    .execute();
}

/**
 * Moves a due scheduled job on to its next due time, conditional on the due time read: of several schedulers
 * (processes) that read the same row, exactly one wins, and only the winner starts the run.
 */
export async function takeDueRun(db: Kysely<Database>, id: string, due: number, next: number | null): Promise<boolean> {
  const result = await db
    .updateTable("scheduled_jobs")
    .set({ next_run_at: next })
    .where("id", "=", id)
    .where("next_run_at", "=", due)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function recordRun(db: Kysely<Database>, id: string, jobId: string, at: number): Promise<void> {
  await db.updateTable("scheduled_jobs").set({ last_job_id: jobId, last_job_at: at }).where("id", "=", id).execute();
}
