import { type Kysely, sql } from "kysely";
import { jsonRows, jsonValues } from "../store/json-rows.js";
import type { DialectName } from "../store/open-database.js";
import type { Database } from "../store/schema.js";

export interface ClaimedDelivery {
  id: string;
  webhookId: string;
  eventId: string;
  /** The full body for rows written before payloads were stored once per event; "" for newer rows. */
  payload: string;
  /** Attempts made before this one. */
  attempts: number;
  leaseToken: string;
  /** When its event was ingested (the row was written): the start of the ingest → first attempt latency. */
  createdAt: number;
  /** The ingest's W3C trace context, when it was traced: the attempt continues that trace. */
  traceparent: string | null;
}

/** Pending deliveries with no due time (never written by this version) become due now, so none waits forever. */
export async function requeueUnscheduled(db: Kysely<Database>): Promise<number> {
  const result = await db
    .updateTable("deliveries")
    .set({ next_attempt_at: Date.now(), lease_token: null, leased_until: null })
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

/**
 * Makes claimed deliveries claimable again at once (a worker shutting down hands back what it could not finish;
 * what an origin cannot take goes back): their lease ends, and their due time, already past, stays, so the
 * update writes no index entry.
 */
export async function releaseLeases(
  db: Kysely<Database>,
  dialect: DialectName,
  deliveries: ClaimedDelivery[],
): Promise<void> {
  const states = deliveries.map((delivery) => ({ id: delivery.id, lease_token: delivery.leaseToken }));
  if (states.length === 0) return;
  await sql`update deliveries set lease_token = null, leased_until = null
    from ${jsonRows(dialect, { id: "text", lease_token: "text" }, states)} as r
    where deliveries.id = r.id and deliveries.lease_token = r.lease_token`.execute(db);
}

/**
 * Finishes claimed deliveries that will not be sent, in one statement per lease: those of a disabled webhook are
 * `cancelled` (retries stop, they stay replayable), those that cannot be built are `failed`; `reason` becomes
 * their last error.
 */
export async function finishUnsent(
  db: Kysely<Database>,
  dialect: DialectName,
  deliveries: ClaimedDelivery[],
  outcome: { status: "cancelled" | "failed"; reason: string },
): Promise<void> {
  const byLease = new Map<string, string[]>();
  for (const delivery of deliveries)
    byLease.set(delivery.leaseToken, [...(byLease.get(delivery.leaseToken) ?? []), delivery.id]);
  for (const [leaseToken, ids] of byLease) {
    await db
      .updateTable("deliveries")
      .set({
        status: outcome.status,
        next_attempt_at: null,
        lease_token: null,
        leased_until: null,
        last_error: outcome.reason,
        updated_at: Date.now(),
      })
      .where("id", "in", jsonValues(dialect, ids))
      .where("lease_token", "=", leaseToken)
      .execute();
  }
}
