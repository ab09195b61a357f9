import { type Kysely, sql } from "kysely";
import type { DialectName } from "./open-database.js";
import type { Database } from "./schema.js";

export interface QueueStats {
  /** Deliveries waiting for an attempt or a retry, leased ones included. */
  pending: number;
  /** Pending and due now: a worker may claim them. */
  due: number;
  /** Claimed under a lease that has not run out: being attempted by some worker. */
  inFlight: number;
  /** How long the oldest due delivery has waited past its due time (0 when none is due). */
  oldestDueAgeMs: number;
}

/**
 * The outbox at a glance, in one statement over the pending rows (the due index; finished rows have no due
 * time): run at scrape time, never per delivery.
 */
export async function queueStats(db: Kysely<Database>, now = Date.now()): Promise<QueueStats> {
  // A claim sets leased_until (0019); a row claimed before that has its lease's end as its due time. Never null
  // (coalesce): `not (null)` would count an unleased row as neither due nor leased.
  const leased = sql`(coalesce(leased_until, 0) > ${now}
    or (leased_until is null and lease_token is not null and next_attempt_at > ${now}))`;
  const { rows } = await sql<{
    pending: number | null;
    due: number | null;
    leased: number | null;
    oldest: number | null;
  }>`
    select count(*) as pending,
      sum(case when next_attempt_at <= ${now} and not (${leased}) then 1 else 0 end) as due,
      sum(case when ${leased} then 1 else 0 end) as leased,
      min(case when ${leased} then null else next_attempt_at end) as oldest
    from deliveries where next_attempt_at is not null and status = 'pending'`.execute(db);
  const row = rows[0];
  const oldest = row?.oldest == null ? undefined : Number(row.oldest);
  return {
    pending: Number(row?.pending ?? 0),
    due: Number(row?.due ?? 0),
    inFlight: Number(row?.leased ?? 0),
    oldestDueAgeMs: oldest !== undefined && oldest <= now ? now - oldest : 0,
  };
}

/** The tables whose size retention bounds (and the accounts'), for row counts in /metrics. */
export const COUNTED_TABLES = ["events", "deliveries", "attempts", "webhooks", "users", "relay_events"] as const;

export interface StorageStats {
  bytes: number;
  /** Exact on SQLite; PostgreSQL's statistics estimate there (a count(*) of a big table is not cheap). */
  rows: Record<(typeof COUNTED_TABLES)[number], number>;
}

export async function storageStats(db: Kysely<Database>, dialect: DialectName): Promise<StorageStats> {
  const rows = {} as StorageStats["rows"];
  if (dialect === "postgres") {
    const size = await sql<{ bytes: number }>`select pg_database_size(current_database()) as bytes`.execute(db);
    const counts = await sql<{ name: string; live: number }>`
      select relname as name, n_live_tup as live from pg_stat_user_tables where schemaname = current_schema()`.execute(
      db,
    );
    const live = new Map(counts.rows.map((row) => [row.name, Number(row.live)]));
    for (const table of COUNTED_TABLES) rows[table] = live.get(table) ?? 0;
    return { bytes: Number(size.rows[0]?.bytes ?? 0), rows };
  }
  const pages = await sql<{ bytes: number }>`
    select page_count * page_size as bytes from pragma_page_count(), pragma_page_size()`.execute(db);
  for (const table of COUNTED_TABLES) {
    const { rows: counted } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    rows[table] = Number(counted[0]?.n ?? 0);
  }
  return { bytes: Number(pages.rows[0]?.bytes ?? 0), rows };
}
