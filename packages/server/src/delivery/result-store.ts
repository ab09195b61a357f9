import { type Kysely, sql } from "kysely";
import { newObjectId } from "../core/ids.js";
import { jsonRows } from "../store/json-rows.js";
import type { DialectName } from "../store/open-database.js";
import type { Database, NewAttemptRow } from "../store/schema.js";
import { isForeignKeyViolation } from "../store/unique-violation.js";
import type { ClaimedDelivery } from "./delivery-store.js";
import { inRowAttempt, recordedInRow } from "./first-attempt.js";
import { maskedHeaders } from "./request-headers.js";
import type { AttemptOutcome } from "./sender.js";

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
  first_attempt: "text",
} as const;

/**
 * Inserts attempt rows with one statement, whatever their number, leaving out those whose delivery is gone (its
 * webhook was deleted while the attempt was in flight: the delivery went with it, and so does its attempt).
 */
export function insertAttempts(db: Kysely<Database>, dialect: DialectName, rows: NewAttemptRow[]) {
  if (rows.length === 0) return Promise.resolve();
  return insertAttemptsQuery(dialect, rows).execute(db);
}

function insertAttemptsQuery(dialect: DialectName, rows: NewAttemptRow[]) {
  const columns = sql.raw(Object.keys(ATTEMPT_COLUMNS).join(", "));
  const source = jsonRows(dialect, ATTEMPT_COLUMNS, rows as Array<Record<keyof typeof ATTEMPT_COLUMNS, unknown>>);
  return sql`insert into attempts (${columns}) select ${columns} from ${source} as a
    where exists (select 1 from deliveries d where d.id = a.delivery_id)`;
}

/**
 * Writes a batch of attempt results in one transaction of two statements: the attempts, then every delivery's new
 * state. A successful first attempt goes in its delivery's row (see first-attempt.ts) instead of `attempts`. A
 * result whose lease was taken over (another worker claimed the row after the lease ran out) only adds its
 * attempt, as an attempts row, and does not overwrite the new owner's state. Returns how many webhooks a 410 Gone
 * disabled.
 */
export async function writeResults(
  db: Kysely<Database>,
  dialect: DialectName,
  results: AttemptResult[],
): Promise<number> {
  if (results.length === 0) return 0;
  try {
    return await writeResultsOnce(db, dialect, results);
  } catch (error) {
    // A delivery deleted between the statement's snapshot and its foreign-key check (PostgreSQL): once more, and
    // the existence check leaves it out. Never lose the rest of the batch to one deleted webhook.
    if (!isForeignKeyViolation(error)) throw error;
    return await writeResultsOnce(db, dialect, results);
  }
}

async function writeResultsOnce(db: Kysely<Database>, dialect: DialectName, results: AttemptResult[]): Promise<number> {
  const now = Date.now();
  const attempts = results.map((r) =>
    attemptRow(r.delivery.id, r.delivery.attempts + 1, "auto", r.url, r.requestHeaders, r.outcome),
  );
  const inRow = results.map(recordedInRow);
  const states = results.map(({ delivery, outcome, retryAt }, i) => {
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
      first_attempt: inRow[i] ? inRowAttempt(attempts[i] as NewAttemptRow) : null,
    };
  });
  const separate = attempts.filter((_, i) => !inRow[i]);
  const update = sql<{ id: string }>`update deliveries set status = r.status, attempts = r.attempts,
      next_attempt_at = r.next_attempt_at, lease_token = null, leased_until = null,
      last_status_code = r.last_status_code, last_error = r.last_error, last_duration_ms = r.last_duration_ms,
      first_attempt = coalesce(r.first_attempt, deliveries.first_attempt), updated_at = ${now}
    from ${jsonRows(dialect, RESULT_COLUMNS, states)} as r
    where deliveries.id = r.id and deliveries.lease_token = r.lease_token
    returning deliveries.id`;
  /** In-row attempts whose delivery was not updated (lease taken over, or gone): attempts rows after all. */
  const notUpdated = (updated: Array<{ id: string }>) => {
    const ids = new Set(updated.map((row) => row.id));
    return attempts.filter((a, i) => inRow[i] && !ids.has(a.delivery_id));
  };
  const gone = goneWebhooks(results);
  if (dialect === "postgres" && gone.size === 0) {
    // One statement is one round trip and one commit: the attempts go in through a data-modifying CTE. The rare
    // in-row attempt of a taken-over lease follows in a second statement.
    const { rows } =
      separate.length > 0
        ? await sql<{ id: string }>`with inserted as (${insertAttemptsQuery(dialect, separate)}) ${update}`.execute(db)
        : await update.execute(db);
    // On its own: a retry of the whole batch would find the updated rows' leases gone and log their attempts twice.
    const late = notUpdated(rows);
    try {
      await insertAttempts(db, dialect, late);
    } catch (error) {
      if (!isForeignKeyViolation(error)) throw error;
      await insertAttempts(db, dialect, late);
    }
    return 0;
  }
  return await db.transaction().execute(async (trx) => {
    let disabled = 0;
    await insertAttempts(trx, dialect, separate);
    const { rows } = await update.execute(trx);
    await insertAttempts(trx, dialect, notUpdated(rows));
    // In id order, as ingest locks webhook rows: two orders of the same rows can deadlock on PostgreSQL.
    for (const [webhookId, reason] of [...gone].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const [{ numUpdatedRows }] = (await trx
        .updateTable("webhooks")
        .set({ disabled: 1, disabled_reason: reason, updated_at: now })
        .where("id", "=", webhookId)
        .where("disabled", "=", 0)
        .execute()) as [{ numUpdatedRows: bigint }];
      disabled += Number(numUpdatedRows);
    }
    return disabled;
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
