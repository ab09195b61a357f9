import { type Kysely, sql } from "kysely";
import type { Logger } from "pino";
import type { DeliveryConfig } from "../core/config.js";
import { newObjectId } from "../core/ids.js";
import type { Notifier } from "../core/notifier.js";
import type { DialectName } from "../store/open-database.js";
import type { Database, RecoveriesTable } from "../store/schema.js";
import { countAgainstLimit } from "../store/trigger-counts.js";

export const RECOVERY_MAX_WINDOW_MS = 14 * 86_400_000;
export const RECOVERY_MAX_DELIVERIES = 10_000;
const PAGE = 500;
const RECOVERABLE = ["failed", "cancelled", "rate_limited"];

export interface RecoveryDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  logger: Logger;
  notifier: Notifier;
  /** The trigger limit: recovery's budget per webhook is the same number in the same window. */
  config: Pick<DeliveryConfig, "rateLimit">;
}

export type Recovery = RecoveriesTable;

/** The job for this webhook and window: the existing one (a second call queues nothing twice) or a new one. */
export async function createRecovery(
  db: Kysely<Database>,
  webhookId: string,
  window: { since: number; until: number | undefined },
): Promise<{ recovery: Recovery; created: boolean }> {
  const until = window.until ?? -1;
  const existing = await findRecovery(db, webhookId, { since: window.since, until });
  if (existing) return { recovery: existing, created: false };
  const now = Date.now();
  const recovery: Recovery = {
    id: newObjectId(now),
    webhook_id: webhookId,
    since: window.since,
    until,
    status: "running",
    queued: 0,
    cursor_created_at: window.since - 1,
    cursor_id: "",
    created_at: now,
    updated_at: now,
  };
  try {
    await db.insertInto("recoveries").values(recovery).execute();
    return { recovery, created: true };
  } catch (error) {
    // Another request for the same window won the race: its job is the one.
    const raced = await findRecovery(db, webhookId, { since: window.since, until });
    if (raced) return { recovery: raced, created: false };
    throw error;
  }
}

async function findRecovery(db: Kysely<Database>, webhookId: string, window: { since: number; until: number }) {
  return db
    .selectFrom("recoveries")
    .selectAll()
    .where("webhook_id", "=", webhookId)
    .where("since", "=", window.since)
    .where("until", "=", window.until)
    .executeTakeFirst();
}

export function getRecovery(db: Kysely<Database>, webhookId: string, id: string): Promise<Recovery | undefined> {
  return db
    .selectFrom("recoveries")
    .selectAll()
    .where("id", "=", id)
    .where("webhook_id", "=", webhookId)
    .executeTakeFirst();
}

/**
 * Re-queues one page of the job in one transaction: the deliveries after the cursor that ended failed, cancelled or
 * rate limited in the window become due now (each counts against the trigger limit from then on, like a replay),
 * and the cursor and count move with them. Returns false once the job is done. Safe to run from several
 * processes: the job row is locked for the page. Workers are woken only after the commit: woken earlier, one in
 * another process (or on another connection) finds nothing due and waits for its next poll.
 */
async function recoverPage(deps: RecoveryDeps, id: string): Promise<boolean> {
  const { more, queued } = await deps.db.transaction().execute(async (trx) => {
    let select = trx.selectFrom("recoveries").selectAll().where("id", "=", id);
    if (deps.dialect === "postgres") select = select.forUpdate();
    const job = await select.executeTakeFirst();
    if (job?.status !== "running") return { more: false, queued: 0 };
    const now = Date.now();
    const until = job.until === -1 ? job.created_at : job.until;
    const { limit, windowMs } = deps.config.rateLimit;
    const windowStart = now - windowMs;
    const budget = limit - (await recoveredSince(trx, deps.dialect, job.webhook_id, windowStart));
    const room = Math.max(0, Math.min(PAGE, RECOVERY_MAX_DELIVERIES - job.queued, budget));
    const page = await trx
      .selectFrom("deliveries")
      .select(["id", "created_at", "status", "recovered_at"])
      .where("webhook_id", "=", job.webhook_id)
      .where("created_at", ">=", job.since)
      .where("created_at", "<", until)
      .where((eb) =>
        eb.or([
          eb("created_at", ">", job.cursor_created_at),
          eb.and([eb("created_at", "=", job.cursor_created_at), eb("id", ">", job.cursor_id)]),
        ]),
      )
      .orderBy("created_at")
      .orderBy("id")
      .limit(PAGE)
      .execute();
    // A delivery recovered within the window is not queued again by another job (an overlapping window).
    const recoverable = page.filter(
      (row) =>
        RECOVERABLE.includes(row.status) && !(row.recovered_at !== null && Number(row.recovered_at) > windowStart),
    );
    const chosen = recoverable.slice(0, room);
    // The cap or the budget cut this page short: the job ends at the last delivery it queued.
    const capped = chosen.length < recoverable.length;
    const last = capped ? chosen.at(-1) : page.at(-1);
    if (chosen.length > 0) {
      await trx
        .updateTable("deliveries")
        .set({
          status: "pending",
          next_attempt_at: now,
          lease_token: null,
          leased_until: null,
          recovered_at: now,
          updated_at: now,
        })
        .where(
          "id",
          "in",
          chosen.map((row) => row.id),
        )
        .where("status", "in", RECOVERABLE)
        .execute();
      await countAgainstLimit(
        trx,
        chosen.map((row) => row.id),
      );
    }
    const queued = job.queued + chosen.length;
    const done = capped || page.length < PAGE || queued >= RECOVERY_MAX_DELIVERIES;
    await trx
      .updateTable("recoveries")
      .set({
        queued,
        status: done ? "done" : "running",
        ...(last && { cursor_created_at: last.created_at, cursor_id: last.id }),
        updated_at: now,
      })
      .where("id", "=", id)
      .execute();
    return { more: !done, queued: chosen.length };
  });
  if (queued > 0) deps.notifier.notify();
  return more;
}

/**
 * How many deliveries of the webhook recovery queued since `since`: at most the trigger limit per window, so no
 * pile of overlapping jobs re-sends more than the webhook's own budget. The webhook's row is locked first
 * (PostgreSQL; ingest locks it the same way), so concurrent jobs of one webhook count one after the other.
 */
async function recoveredSince(trx: Kysely<Database>, dialect: DialectName, webhookId: string, since: number) {
  if (dialect === "postgres") await sql`select id from webhooks where id = ${webhookId} for no key update`.execute(trx);
  const row = await trx
    .selectFrom("deliveries")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("webhook_id", "=", webhookId)
    .where("recovered_at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Runs a job to its end, page by page; a crash leaves it resumable where it stopped. */
export async function runRecovery(deps: RecoveryDeps, id: string): Promise<void> {
  try {
    while (await recoverPage(deps, id)) {
      // Yield between pages, so a large job does not hold the database or the event loop for long.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    deps.logger.error({ err: error, recovery: id }, "recovery stopped; it resumes at the next start");
  }
}

/** Resumes every job a stopped process left running. */
export async function resumeRecoveries(deps: RecoveryDeps): Promise<void> {
  const running = await deps.db.selectFrom("recoveries").select("id").where("status", "=", "running").execute();
  for (const { id } of running) void runRecovery(deps, id);
}

/** A job as the API shows it. */
export function toRecoveryInfo(job: Recovery) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id: job.id,
    webhookId: job.webhook_id,
    since: iso(job.since),
    until: job.until === -1 ? null : iso(job.until),
    status: job.status as "running" | "done",
    queued: job.queued,
    limit: RECOVERY_MAX_DELIVERIES,
    createdAt: iso(job.created_at),
    updatedAt: iso(job.updated_at),
  };
}
