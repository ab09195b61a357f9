import { type Kysely, sql } from "kysely";
import { newObjectId } from "../core/ids.js";
import { insertRows } from "../store/insert-rows.js";
import { jsonRows, jsonValues } from "../store/json-rows.js";
import type { DialectName } from "../store/open-database.js";
import type { Database, NewAttemptRow } from "../store/schema.js";
import { maskedHeaders } from "./request-headers.js";
import type { AttemptOutcome } from "./sender.js";

export interface ClaimedDelivery {
  id: string;
  webhookId: string;
  eventId: string;
  /** The full body for rows written before payloads were stored once per event; "" for newer rows. */
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
  if (!(options.leaseMs > 0)) throw new Error(`invalid lease of ${options.leaseMs} ms`);
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
    .returning(["id", "webhook_id", "event_id", "payload", "attempts"])
    .execute();
  return rows.map((row) => ({
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    payload: row.payload,
    attempts: row.attempts,
    leaseToken,
  }));
}

/** Pending deliveries with no due time (never written by this version) become due now, so none waits forever. */
export async function requeueUnscheduled(db: Kysely<Database>): Promise<number> {
  const result = await db
    .updateTable("deliveries")
    .set({ next_attempt_at: Date.now(), lease_token: null })
    .where("status", "=", "pending")
    .where("next_attempt_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface WebhookTarget {
  url: string;
  secret: string | null;
  disabled: boolean;
  /** Standard Webhooks secrets to sign with: none, the current one, or the current and the rotated-out one. */
  signingSecrets: string[];
}

export function signingSecretsOf(
  row: {
    signing_secret: string | null;
    previous_signing_secret: string | null;
    previous_signing_expires_at: number | null;
  },
  now: number,
): string[] {
  if (!row.signing_secret) return [];
  const previousValid = row.previous_signing_secret && (row.previous_signing_expires_at ?? 0) > now;
  return previousValid ? [row.signing_secret, row.previous_signing_secret as string] : [row.signing_secret];
}

/** The current URL and secret of each webhook (read at send time, so edits apply to pending retries). */
export async function loadTargets(
  db: Kysely<Database>,
  dialect: DialectName,
  webhookIds: string[],
): Promise<Map<string, WebhookTarget>> {
  if (webhookIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("webhooks")
    .select([
      "id",
      "url",
      "secret",
      "disabled",
      "signing_secret",
      "previous_signing_secret",
      "previous_signing_expires_at",
    ])
    .where("id", "in", jsonValues(dialect, webhookIds))
    .execute();
  const now = Date.now();
  return new Map(
    rows.map((row) => [
      row.id,
      { url: row.url, secret: row.secret, disabled: row.disabled === 1, signingSecrets: signingSecretsOf(row, now) },
    ]),
  );
}

/** The shared payload (without the `webhook` block) of each event. */
export async function loadEventPayloads(
  db: Kysely<Database>,
  dialect: DialectName,
  eventIds: string[],
): Promise<Map<string, string>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("events")
    .select(["id", "payload"])
    .where("id", "in", jsonValues(dialect, eventIds))
    .execute();
  return new Map(rows.flatMap((row) => (row.payload === null ? [] : [[row.id, row.payload] as const])));
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

const ATTEMPT_COLUMNS = {
  id: "text",
  delivery_id: "text",
  attempt: "integer",
  trigger: "text",
  started_at: "bigint",
  duration_ms: "integer",
  url: "text",
  request_headers: "text",
  status_code: "integer",
  response_headers: "text",
  response_body: "text",
  error: "text",
} as const;

const RESULT_COLUMNS = {
  id: "text",
  lease_token: "text",
  status: "text",
  attempts: "integer",
  next_attempt_at: "bigint",
  last_status_code: "integer",
  last_error: "text",
  last_duration_ms: "integer",
} as const;

/** Inserts attempt rows with one statement per dialect, whatever their number. */
export async function insertAttempts(db: Kysely<Database>, dialect: DialectName, rows: NewAttemptRow[]): Promise<void> {
  await insertRows(
    db,
    dialect,
    "attempts",
    ATTEMPT_COLUMNS,
    rows as Array<Record<keyof typeof ATTEMPT_COLUMNS, unknown>>,
  );
}

/**
 * Writes a batch of attempt results in one transaction of two statements: the attempts, then every delivery's new
 * state. A result whose lease was taken over (another worker claimed the row after the lease ran out) only adds its
 * attempt and does not overwrite the new owner's state.
 */
export async function writeResults(
  db: Kysely<Database>,
  dialect: DialectName,
  results: AttemptResult[],
): Promise<void> {
  if (results.length === 0) return;
  const now = Date.now();
  const attempts = results.map((r) =>
    attemptRow(r.delivery.id, r.delivery.attempts + 1, "auto", r.url, r.requestHeaders, r.outcome),
  );
  const states = results.map(({ delivery, outcome, retryAt }) => {
    const status = outcome.ok ? "delivered" : retryAt === undefined ? "failed" : "pending";
    return {
      id: delivery.id,
      lease_token: delivery.leaseToken,
      status,
      attempts: delivery.attempts + 1,
      next_attempt_at: status === "pending" ? (retryAt ?? now) : null,
      last_status_code: outcome.statusCode,
      last_error: outcome.error,
      last_duration_ms: outcome.durationMs,
    };
  });
  const update = sql`update deliveries set status = r.status, attempts = r.attempts, next_attempt_at = r.next_attempt_at,
      lease_token = null, last_status_code = r.last_status_code, last_error = r.last_error,
      last_duration_ms = r.last_duration_ms, updated_at = ${now}
    from ${jsonRows(dialect, RESULT_COLUMNS, states)} as r
    where deliveries.id = r.id and deliveries.lease_token = r.lease_token`;
  const gone = goneWebhooks(results);
  if (dialect === "postgres" && gone.size === 0) {
    // One statement is one round trip and one commit: the attempts go in through a data-modifying CTE.
    const columns = sql.raw(Object.keys(ATTEMPT_COLUMNS).join(", "));
    await sql`with inserted as (
        insert into attempts (${columns}) select ${columns} from ${jsonRows(dialect, ATTEMPT_COLUMNS, attempts)} as a
      ) ${update}`.execute(db);
    return;
  }
  await db.transaction().execute(async (trx) => {
    await insertAttempts(trx, dialect, attempts);
    await update.execute(trx);
    for (const [webhookId, reason] of gone) {
      await trx
        .updateTable("webhooks")
        .set({ disabled: 1, disabled_reason: reason, updated_at: now })
        .where("id", "=", webhookId)
        .where("disabled", "=", 0)
        .execute();
    }
  });
}

/** A receiver that answers 410 Gone does not want deliveries any more: its webhook gets disabled, with why. */
function goneWebhooks(results: AttemptResult[]): Map<string, string> {
  const gone = new Map<string, string>();
  for (const { delivery, outcome } of results) {
    if (outcome.statusCode !== 410) continue;
    gone.set(
      delivery.webhookId,
      `the receiver answered 410 Gone at ${new Date(outcome.startedAt).toISOString()} (delivery ${delivery.id}); enable the webhook to resume`,
    );
  }
  return gone;
}

/** Makes claimed deliveries due again now (a worker shutting down hands back what it could not finish). */
export async function releaseLeases(
  db: Kysely<Database>,
  dialect: DialectName,
  deliveries: ClaimedDelivery[],
): Promise<void> {
  const states = deliveries.map((delivery) => ({ id: delivery.id, lease_token: delivery.leaseToken }));
  if (states.length === 0) return;
  await sql`update deliveries set next_attempt_at = ${Date.now()}, lease_token = null
    from ${jsonRows(dialect, { id: "text", lease_token: "text" }, states)} as r
    where deliveries.id = r.id and deliveries.lease_token = r.lease_token`.execute(db);
}

/** Finishes claimed deliveries whose webhook was disabled, in one statement: retries stop, they stay replayable. */
export async function cancelDeliveries(
  db: Kysely<Database>,
  dialect: DialectName,
  deliveries: ClaimedDelivery[],
  reason: string,
): Promise<void> {
  const byLease = new Map<string, string[]>();
  for (const delivery of deliveries)
    byLease.set(delivery.leaseToken, [...(byLease.get(delivery.leaseToken) ?? []), delivery.id]);
  for (const [leaseToken, ids] of byLease) {
    await db
      .updateTable("deliveries")
      .set({
        status: "cancelled",
        next_attempt_at: null,
        lease_token: null,
        last_error: reason,
        updated_at: Date.now(),
      })
      .where("id", "in", jsonValues(dialect, ids))
      .where("lease_token", "=", leaseToken)
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
  // An event goes once no delivery needs its payload any more.
  await db
    .deleteFrom("events")
    .where("created_at", "<", cutoff)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("deliveries").select("id").whereRef("deliveries.event_id", "=", "events.id"))),
    )
    .execute();
  return Number(result.numDeletedRows);
}
