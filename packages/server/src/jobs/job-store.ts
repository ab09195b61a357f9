import type { JobStage } from "@hubhooks/schemas";
import type { Kysely } from "kysely";
import { CapReachedError } from "../core/errors.js";
import { newObjectId } from "../core/ids.js";
import type { StoredJobSpec } from "../core/job-spec.js";
import type { Database, JobRow } from "../store/schema.js";
import { isUniqueViolation } from "../store/unique-violation.js";
import type { Namespace } from "./namespace.js";

export interface JobInitiator {
  type: string;
  id: string;
  name?: string;
}

export interface NewJob {
  namespace: Namespace;
  createdBy: string;
  spec: StoredJobSpec;
  labels: Record<string, string> | null;
  initiator: JobInitiator;
  /** Where the job starts: SCHEDULING for a runner to take, or ERROR at once when no runner is enabled. */
  stage: "SCHEDULING" | "ERROR";
  message: string | null;
  /** The job webhook's delivery attempt that starts it: one job per attempt, however often it is tried. */
  delivery?: { id: string; attempt: number } | undefined;
}

export const ACTIVE_STAGES: JobStage[] = ["SCHEDULING", "RUNNING"];

/**
 * Records a job; over the namespace's cap of active jobs, a CapReachedError and nothing written. A job for a
 * delivery attempt that already started one is that job: a worker that died after starting it, before recording
 * the attempt, retries the same attempt number.
 */
export async function insertJob(db: Kysely<Database>, job: NewJob, maxActive: number): Promise<JobRow> {
  if (job.delivery) {
    const started = await findDeliveryJob(db, job.delivery);
    if (started) return started;
  }
  if (maxActive > 0 && job.stage === "SCHEDULING") {
    const { count } = await db
      .selectFrom("jobs")
      .select((eb) => eb.fn.countAll<string | number>().as("count"))
      .where("owner_id", "=", job.namespace.id)
      .where("stage", "in", ACTIVE_STAGES)
      .executeTakeFirstOrThrow();
    if (Number(count) >= maxActive) {
      throw new CapReachedError(
        `${job.namespace.name} already has ${maxActive} jobs scheduled or running, the most this server allows: wait for one to finish or cancel one`,
      );
    }
  }
  const now = Date.now();
  const row: JobRow = {
    id: newObjectId(now),
    owner_id: job.namespace.id,
    owner_name: job.namespace.name,
    owner_type: job.namespace.type,
    created_by: job.createdBy,
    spec: JSON.stringify(job.spec),
    labels: job.labels ? JSON.stringify(job.labels) : null,
    stage: job.stage,
    message: job.message,
    initiator: JSON.stringify(job.initiator),
    created_at: now,
    started_at: null,
    finished_at: job.stage === "ERROR" ? now : null,
    heartbeat_at: null,
    runner_token: null,
    log_bytes: 0,
    log_lines: 0,
    delivery_id: job.delivery?.id ?? null,
    delivery_attempt: job.delivery?.attempt ?? null,
  };
  try {
    await db.insertInto("jobs").values(row).execute();
  } catch (error) {
    // Two workers on the same attempt (a lease that expired under a slow one): the first job is the one.
    const twin = job.delivery && isUniqueViolation(error) ? await findDeliveryJob(db, job.delivery) : undefined;
    if (twin) return twin;
    throw error;
  }
  return row;
}

function findDeliveryJob(db: Kysely<Database>, delivery: { id: string; attempt: number }) {
  return db
    .selectFrom("jobs")
    .selectAll()
    .where("delivery_id", "=", delivery.id)
    .where("delivery_attempt", "=", delivery.attempt)
    .executeTakeFirst();
}

export async function findJob(db: Kysely<Database>, ownerId: string, id: string): Promise<JobRow | undefined> {
  return db.selectFrom("jobs").selectAll().where("id", "=", id).where("owner_id", "=", ownerId).executeTakeFirst();
}

export interface JobFilter {
  stages: string[];
  labels: Array<[string, string]>;
  /** Newest first: only jobs created before this (created_at, id). */
  before?: { createdAt: number; id: string } | undefined;
  limit: number;
}

/** The namespace's jobs, newest first. Labels are matched in memory: a page holds few jobs. */
export async function listJobs(db: Kysely<Database>, ownerId: string, filter: JobFilter): Promise<JobRow[]> {
  let query = db.selectFrom("jobs").selectAll().where("owner_id", "=", ownerId);
  if (filter.stages.length) query = query.where("stage", "in", filter.stages);
  if (filter.before) {
    const { createdAt, id } = filter.before;
    query = query.where((eb) =>
      eb.or([eb("created_at", "<", createdAt), eb.and([eb("created_at", "=", createdAt), eb("id", "<", id)])]),
    );
  }
  const rows: JobRow[] = [];
  const batch = Math.max(filter.limit, 100);
  for (let offset = 0; rows.length < filter.limit; offset += batch) {
    const page = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(batch).offset(offset).execute();
    for (const row of page) {
      const labels = row.labels ? (JSON.parse(row.labels) as Record<string, string>) : {};
      if (filter.labels.every(([key, value]) => labels[key] === value)) rows.push(row);
      if (rows.length === filter.limit) break;
    }
    if (page.length < batch) break;
  }
  return rows;
}

/** Cancels a job that has not ended; the runner running it sees the stage and kills its processes. */
export async function cancelJob(db: Kysely<Database>, ownerId: string, id: string): Promise<boolean> {
  const now = Date.now();
  const result = await db
    .updateTable("jobs")
    .set({ stage: "CANCELED", message: "Canceled", finished_at: now })
    .where("id", "=", id)
    .where("owner_id", "=", ownerId)
    .where("stage", "in", ACTIVE_STAGES)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setJobLabels(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
  labels: Record<string, string>,
): Promise<JobRow | undefined> {
  await db
    .updateTable("jobs")
    .set({ labels: Object.keys(labels).length ? JSON.stringify(labels) : null })
    .where("id", "=", id)
    .where("owner_id", "=", ownerId)
    .execute();
  return findJob(db, ownerId, id);
}
