import { type Kysely, sql } from "kysely";
import type { Database } from "./schema.js";

/**
 * Hits per key and one-minute window in PostgreSQL, shared by every process on the database: one upsert per hit
 * (the row lock orders concurrent hits, so the count is exact however many API processes there are).
 */
export async function countHit(db: Kysely<Database>, key: string, windowStart: number): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    insert into api_rate_counts (key, window_start, count) values (${key}, ${windowStart}, 1)
    on conflict (key, window_start) do update set count = api_rate_counts.count + 1
    returning count`.execute(db);
  return Number(rows[0]?.count ?? 0);
}

/** Drops the windows before `windowStart`: their counts no longer limit anything. */
export async function pruneHitsBefore(db: Kysely<Database>, windowStart: number): Promise<void> {
  await sql`delete from api_rate_counts where window_start < ${windowStart}`.execute(db);
}
