import { type Kysely, sql } from "kysely";
import { newObjectId } from "../core/ids.js";
import { jsonValues } from "../store/json-rows.js";
import type { DialectName } from "../store/open-database.js";
import type { Database } from "../store/schema.js";
import type { ClaimedDelivery } from "./delivery-store.js";

export interface ClaimOptions {
  now: number;
  leaseMs: number;
  limit: number;
  /** Most deliveries of one webhook in this claim: one webhook's backlog cannot fill it. */
  perWebhook: number;
  /** Webhooks whose receivers have all the work they can take in this worker; their deliveries stay due. */
  skipWebhooks: string[];
}

/**
 * Takes up to `limit` due deliveries for this worker, oldest first but at most `perWebhook` of each webhook, by
 * setting their lease (token and end) and nothing else: the due time and every indexed column stay, so on
 * PostgreSQL the claim is a HOT update that writes no index entry, and a worker that dies leaves its rows
 * claimable again once their lease runs out. Leased rows stay in the due index; the claim skips them (they are at
 * most the deliveries in flight).
 * The per-webhook bound is a window function over the oldest due rows (twice `limit` of them, read from the due
 * index), so the claim stays one set-based statement whose cost does not grow with the backlog. PostgreSQL skips
 * rows another worker is claiming and checks each row is still due and unleased once it holds its lock.
 */
export async function claimDueDeliveries(
  db: Kysely<Database>,
  dialect: DialectName,
  options: ClaimOptions,
): Promise<ClaimedDelivery[]> {
  if (!(options.leaseMs > 0)) throw new Error(`invalid lease of ${options.leaseMs} ms`);
  const leaseToken = newObjectId(options.now);
  const { now, limit, perWebhook } = options;
  // No filter at all when nothing is skipped: the common case stays the cheapest statement.
  const skipping =
    options.skipWebhooks.length > 0 ? sql` and webhook_id not in ${jsonValues(dialect, options.skipWebhooks)}` : sql``;
  const claimable = sql`next_attempt_at <= ${now} and (leased_until is null or leased_until <= ${now})`;
  const ranked = sql`select id, next_attempt_at, row_number() over (partition by webhook_id order by next_attempt_at) as nth
    from (
      select id, webhook_id, next_attempt_at from deliveries
      where ${claimable}${skipping}
      order by next_attempt_at limit ${2 * limit}
    ) as candidates`;
  const chosen =
    dialect === "postgres"
      ? // FOR UPDATE may not share a query level with a window function; `= any(array(…))` keeps the lookup of
        // the chosen ids on the primary key instead of a scan of every due row.
        sql`select id from deliveries
          where id = any(array(select id from (${ranked}) as ranked where nth <= ${perWebhook}))
            and ${claimable}
          order by next_attempt_at limit ${limit}
          for update skip locked`
      : sql`select id from (${ranked}) as ranked where nth <= ${perWebhook} order by next_attempt_at limit ${limit}`;
  const { rows } = await sql<{
    id: string;
    webhook_id: string;
    event_id: string;
    payload: string;
    attempts: number;
    created_at: number;
    traceparent: string | null;
    next_attempt_at: number;
  }>`update deliveries set leased_until = ${now + options.leaseMs}, lease_token = ${leaseToken}
    where id in (${chosen})
    returning id, webhook_id, event_id, payload, attempts, created_at, traceparent, next_attempt_at`.execute(db);
  // Oldest first, as chosen: an update returns its rows in whatever order it reached them.
  rows.sort((a, b) => Number(a.next_attempt_at) - Number(b.next_attempt_at) || (a.id < b.id ? -1 : 1));
  return rows.map((row) => ({
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    payload: row.payload,
    attempts: row.attempts,
    leaseToken,
    createdAt: Number(row.created_at),
    traceparent: row.traceparent ?? null,
  }));
}
