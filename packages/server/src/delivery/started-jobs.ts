import type { DeliveryAttempt, DeliverySummary, JobStarted } from "@hubhooks/schemas";
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";

interface StartedJob extends JobStarted {
  deliveryId: string;
  attempt: number;
}

/**
 * The Jobs that job webhooks' deliveries started, read when the activity log is: a job's stage is shown as it is
 * now (its final one once it ended), not as it was when the attempt was recorded.
 */
async function startedJobs(db: Kysely<Database>, deliveryIds: string[]): Promise<StartedJob[]> {
  if (deliveryIds.length === 0) return [];
  const rows = await db
    .selectFrom("jobs")
    .select(["id", "owner_name", "stage", "message", "delivery_id", "delivery_attempt"])
    .where("delivery_id", "in", deliveryIds)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    namespace: row.owner_name,
    stage: row.stage,
    message: row.message,
    deliveryId: row.delivery_id as string,
    attempt: row.delivery_attempt ?? 0,
  }));
}

const wire = ({ id, namespace, stage, message }: StartedJob): JobStarted => ({ id, namespace, stage, message });

/** Each attempt of a job webhook's delivery with the job it started; other attempts unchanged. */
export async function withStartedJobs(
  db: Kysely<Database>,
  deliveryId: string,
  attempts: DeliveryAttempt[],
): Promise<DeliveryAttempt[]> {
  if (!attempts.some((attempt) => attempt.url.startsWith("job "))) return attempts;
  const jobs = await startedJobs(db, [deliveryId]);
  return attempts.map((attempt) => {
    if (!attempt.url.startsWith("job ")) return attempt;
    const job = jobs.find((candidate) => candidate.attempt === attempt.attempt);
    return { ...attempt, job: job ? wire(job) : null };
  });
}

/** Each delivery of a job webhook with the job its latest attempt started (null before one started). */
export async function withLatestJobs(
  db: Kysely<Database>,
  url: string,
  deliveries: DeliverySummary[],
): Promise<DeliverySummary[]> {
  if (!url.startsWith("job:")) return deliveries;
  const jobs = await startedJobs(
    db,
    deliveries.map((delivery) => delivery.id),
  );
  return deliveries.map((delivery) => {
    const latest = jobs
      .filter((job) => job.deliveryId === delivery.id)
      .reduce<StartedJob | undefined>((last, job) => (last && last.attempt > job.attempt ? last : job), undefined);
    return { ...delivery, job: latest ? wire(latest) : null };
  });
}
