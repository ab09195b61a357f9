import type { Kysely } from "kysely";
import { newObjectId } from "../core/ids.js";
import type { DialectName } from "../store/open-database.js";
import type { Database, NewAttemptRow } from "../store/schema.js";
import { maskedHeaders } from "./request-headers.js";
import type { AttemptOutcome } from "./sender.js";

export interface ClaimedDelivery {
  id: string;
  webhookId: string;
  payload: string;
  /** Attempts made before this one. */
  attempts: number;
  leaseToken: string;
}

/**
 * Takes up to `limit` due deliveries for this worker by pushing their due time to the lease's end: a worker
 * that dies leaves them due again once the lease runs out. PostgreSQL skips rows another worker is claiming.
 */
export async function claimDueDeliveries(
  db: Kysely<Database>,
  dialect: DialectName,
  options: { now: number; leaseMs: number; limit: number },
): Promise<ClaimedDelivery[]> {
  const leaseToken = newObjectId(options.now);
  const rows = await db
    .updateTable("deliveries")
    .set({ next_attempt_at: options.now + options.leaseMs, lease_token: leaseToken })
    .where("id", "in", (eb) => {
      const due = eb
        .selectFrom("deliveries")
        .select("id")
        .where("next_attempt_at", "<=", options.now)
        .orderBy("next_attempt_at")
        .limit(options.limit);
      return dialect === "postgres" ? due.forUpdate().skipLocked() : due;
    })
    .returning(["id", "webhook_id", "payload", "attempts"])
    .execute();
  return rows.map((row) => ({
    id: row.id,
    webhookId: row.webhook_id,
    payload: row.payload,
    attempts: row.attempts,
    leaseToken,
  }));
}

export interface WebhookTarget {
  url: string;
  secret: string | null;
  disabled: boolean;
}

/** The current URL and secret of each webhook (read at send time, so edits apply to pending retries). */
export async function loadTargets(db: Kysely<Database>, webhookIds: string[]): Promise<Map<string, WebhookTarget>> {
  if (webhookIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("webhooks")
    .select(["id", "url", "secret", "disabled"])
    .where("id", "in", webhookIds)
    .execute();
  return new Map(rows.map((row) => [row.id, { url: row.url, secret: row.secret, disabled: row.disabled === 1 }]));
}

export interface AttemptResult {
  delivery: ClaimedDelivery;
  url: string;
  requestHeaders: Record<string, string>;
  outcome: AttemptOutcome;
  /** When to try again; undefined when this was the last attempt. */
  retryAt: number | undefined;
}

export function attemptRow(
  deliveryId: string,
  attempt: number,
  trigger: "auto" | "replay",
  url: string,
  requestHeaders: Record<string, string>,
  outcome: AttemptOutcome,
): NewAttemptRow {
  return {
    id: newObjectId(outcome.startedAt),
    delivery_id: deliveryId,
    attempt,
    trigger,
    started_at: outcome.startedAt,
    duration_ms: outcome.durationMs,
    url,
    request_headers: JSON.stringify(maskedHeaders(requestHeaders)),
    status_code: outcome.statusCode,
    response_headers: JSON.stringify(outcome.responseHeaders),
    response_body: outcome.responseBody,
    error: outcome.error,
  };
}

/** Writes a batch of attempt results in one transaction; a result whose lease was lost only adds its attempt. */
export async function writeResults(db: Kysely<Database>, results: AttemptResult[]): Promise<void> {
  if (results.length === 0) return;
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    const rows = results.map((r) =>
      attemptRow(r.delivery.id, r.delivery.attempts + 1, "auto", r.url, r.requestHeaders, r.outcome),
    );
    for (let i = 0; i < rows.length; i += 100)
      await trx
        .insertInto("attempts")
        .values(rows.slice(i, i + 100))
        .execute();
    for (const { delivery, outcome, retryAt } of results) {
      const status = outcome.ok ? "delivered" : retryAt === undefined ? "failed" : "pending";
      await trx
        .updateTable("deliveries")
        .set({
          status,
          attempts: delivery.attempts + 1,
          next_attempt_at: status === "pending" ? (retryAt ?? null) : null,
          lease_token: null,
          last_status_code: outcome.statusCode,
          last_error: outcome.error,
          last_duration_ms: outcome.durationMs,
          updated_at: now,
        })
        .where("id", "=", delivery.id)
        .where("lease_token", "=", delivery.leaseToken)
        .execute();
    }
  });
}

/** Finishes deliveries whose webhook was disabled: their retries stop and they stay replayable. */
export async function cancelDeliveries(
  db: Kysely<Database>,
  deliveries: ClaimedDelivery[],
  reason: string,
): Promise<void> {
  for (const delivery of deliveries) {
    await db
      .updateTable("deliveries")
      .set({
        status: "cancelled",
        next_attempt_at: null,
        lease_token: null,
        last_error: reason,
        updated_at: Date.now(),
      })
      .where("id", "=", delivery.id)
      .where("lease_token", "=", delivery.leaseToken)
      .execute();
  }
}

/** Deletes finished deliveries (and their attempts) and events older than the retention period. */
export async function pruneOlderThan(db: Kysely<Database>, cutoff: number): Promise<number> {
  const result = await db
    .deleteFrom("deliveries")
    .where("created_at", "<", cutoff)
    .where("next_attempt_at", "is", null)
    .executeTakeFirst();
  await db.deleteFrom("events").where("created_at", "<", cutoff).execute();
  return Number(result.numDeletedRows);
}
