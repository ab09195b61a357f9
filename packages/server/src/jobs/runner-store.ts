import { type Kysely, sql } from "kysely";
import type { Database, JobRow } from "../store/schema.js";

/** Takes up to `limit` scheduled jobs for runner `token`, oldest first; each is taken by exactly one runner. */
export async function claimScheduled(db: Kysely<Database>, token: string, limit: number): Promise<JobRow[]> {
  const candidates = await db
    .selectFrom("jobs")
    .select("id")
    .where("stage", "=", "SCHEDULING")
    .orderBy("created_at")
    .limit(limit)
    .execute();
  const claimed: JobRow[] = [];
  for (const { id } of candidates) {
    const now = Date.now();
    // Conditional on the stage: of several runners reading the same row, one update wins.
    const result = await db
      .updateTable("jobs")
      .set({ stage: "RUNNING", started_at: now, heartbeat_at: now, runner_token: token })
      .where("id", "=", id)
      .where("stage", "=", "SCHEDULING")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) continue;
    const row = await db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
    if (row) claimed.push(row);
  }
  return claimed;
}

/** Ends a job this runner ran, unless it ended otherwise meanwhile (canceled, or declared dead). */
export async function finishRun(
  db: Kysely<Database>,
  token: string,
  id: string,
  outcome: { stage: string; message: string | null },
): Promise<void> {
  await db
    .updateTable("jobs")
    .set({ stage: outcome.stage, message: outcome.message, finished_at: Date.now() })
    .where("id", "=", id)
    .where("runner_token", "=", token)
    .where("stage", "=", "RUNNING")
    .execute();
}

/** Marks this runner's jobs alive, and returns which of `ids` are no longer RUNNING (canceled meanwhile). */
export async function heartbeat(db: Kysely<Database>, token: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  await db
    .updateTable("jobs")
    .set({ heartbeat_at: Date.now() })
    .where("runner_token", "=", token)
    .where("stage", "=", "RUNNING")
    .execute();
  const rows = await db.selectFrom("jobs").select(["id", "stage"]).where("id", "in", ids).execute();
  const running = new Set(rows.filter((row) => row.stage === "RUNNING").map((row) => row.id));
  return ids.filter((id) => !running.has(id));
}

export const ORPHAN_MESSAGE =
  "The process running this job stopped (killed or restarted) before the job ended; its output up to then is in the log";

/**
 * Ends jobs left RUNNING by a runner that is gone: on PostgreSQL those whose heartbeat is older than
 * `staleAfterMs`; on SQLite (one process only) at startup every RUNNING job, since no other process can run it.
 */
export async function endOrphanedJobs(
  db: Kysely<Database>,
  options: { staleAfterMs: number; all?: boolean; exceptToken?: string },
): Promise<number> {
  const now = Date.now();
  let query = db
    .updateTable("jobs")
    .set({ stage: "ERROR", message: ORPHAN_MESSAGE, finished_at: now })
    .where("stage", "=", "RUNNING");
  if (!options.all) query = query.where("heartbeat_at", "<", now - options.staleAfterMs);
  if (options.exceptToken) query = query.where("runner_token", "!=", options.exceptToken);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Deletes jobs (and their logs) that ended before `cutoff`, except those a webhook starts clones of: their spec is
 * still needed. Returns how many went.
 */
export async function pruneEndedJobs(db: Kysely<Database>, cutoff: number): Promise<number> {
  const result = await db
    .deleteFrom("jobs")
    .where("finished_at", "<", cutoff)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("webhooks")
            .select("webhooks.id")
            .where("webhooks.url", "=", sql<string>`'job:' || ${sql.ref("jobs.id")}`),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
