import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { jsonRows } from "../store/json-rows.js";
import type { DialectName } from "../store/open-database.js";
import type { Database } from "../store/schema.js";
import type { RecordedEvent } from "./ingest.js";

/**
 * What makes a publisher's retry a no-op: its `Idempotency-Key`s with the answers they got, and the event ids it
 * gave with their results, kept 24 h and scoped to the publisher. Claims are made in the ingest's transaction
 * with a unique index, so of two concurrent requests with one key the second waits for the first to commit (on
 * PostgreSQL; SQLite writes one at a time) and then gets its answer.
 */
export const IDEMPOTENCY_KEEP_MS = 24 * 3_600_000;

/** 1 to 255 visible ASCII characters: what an Idempotency-Key and an event id may be. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export const fingerprint = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");

export interface Answer {
  status: number;
  body: unknown;
}

export type RequestClaim = { kind: "new" } | { kind: "answered"; answer: Answer } | { kind: "conflict" };

/** Claims `key` for this request (same `print` = same body), or finds the answer it already got. */
export async function claimRequestKey(
  trx: Kysely<Database>,
  publisherId: string,
  key: string,
  print: string,
  now: number,
): Promise<RequestClaim> {
  const fresh = { fingerprint: print, status: 0, body: "", created_at: now };
  const claimed = await trx
    .insertInto("ingest_requests")
    .values({ publisher_id: publisherId, key, ...fresh })
    // A key past its 24 h is free again.
    .onConflict((oc) =>
      oc
        .columns(["publisher_id", "key"])
        .doUpdateSet(fresh)
        .where("ingest_requests.created_at", "<=", now - IDEMPOTENCY_KEEP_MS),
    )
    .returning("key")
    .executeTakeFirst();
  if (claimed) return { kind: "new" };
  const row = await trx
    .selectFrom("ingest_requests")
    .select(["fingerprint", "status", "body"])
    .where("publisher_id", "=", publisherId)
    .where("key", "=", key)
    .executeTakeFirstOrThrow();
  if (row.fingerprint !== print) return { kind: "conflict" };
  return { kind: "answered", answer: { status: row.status, body: JSON.parse(row.body) } };
}

export async function saveAnswer(trx: Kysely<Database>, publisherId: string, key: string, answer: Answer) {
  await trx
    .updateTable("ingest_requests")
    .set({ status: answer.status, body: JSON.stringify(answer.body) })
    .where("publisher_id", "=", publisherId)
    .where("key", "=", key)
    .execute();
}

const EVENT_ID_COLUMNS = { event_id: "text", fingerprint: "text" } as const;

/**
 * Claims event ids (each once, with the fingerprint of the event as posted). Returns the results of those already
 * recorded, and the ids that came back with another event (a conflict).
 */
export async function claimEventIds(
  trx: Kysely<Database>,
  dialect: DialectName,
  publisherId: string,
  events: Array<{ event_id: string; fingerprint: string }>,
  now: number,
): Promise<{ known: Map<string, RecordedEvent>; conflicts: string[] }> {
  const known = new Map<string, RecordedEvent>();
  if (events.length === 0) return { known, conflicts: [] };
  // In id order, so two batches claiming the same ids cannot deadlock.
  const sorted = [...events].sort((a, b) => (a.event_id < b.event_id ? -1 : 1));
  const claimed = await sql<{ event_id: string }>`insert into ingest_event_ids
      (publisher_id, event_id, fingerprint, result, created_at)
    select cast(${publisherId} as text), r.event_id, r.fingerprint, '', cast(${now} as bigint)
    from ${jsonRows(dialect, EVENT_ID_COLUMNS, sorted)} as r where true order by r.event_id
    on conflict (publisher_id, event_id) do update
      set fingerprint = excluded.fingerprint, result = '', created_at = excluded.created_at
      where ingest_event_ids.created_at <= ${now - IDEMPOTENCY_KEEP_MS}
    returning event_id`.execute(trx);
  const claimedIds = new Set(claimed.rows.map((row) => row.event_id));
  const taken = events.filter((event) => !claimedIds.has(event.event_id));
  if (taken.length === 0) return { known, conflicts: [] };
  const rows = await trx
    .selectFrom("ingest_event_ids")
    .select(["event_id", "fingerprint", "result"])
    .where("publisher_id", "=", publisherId)
    .where(
      "event_id",
      "in",
      taken.map((event) => event.event_id),
    )
    .execute();
  const printOf = new Map(taken.map((event) => [event.event_id, event.fingerprint]));
  const conflicts: string[] = [];
  for (const row of rows) {
    if (row.fingerprint !== printOf.get(row.event_id)) conflicts.push(row.event_id);
    else known.set(row.event_id, JSON.parse(row.result) as RecordedEvent);
  }
  return { known, conflicts };
}

export async function saveEventResults(
  trx: Kysely<Database>,
  dialect: DialectName,
  publisherId: string,
  results: Array<{ event_id: string; result: string }>,
): Promise<void> {
  if (results.length === 0) return;
  await sql`update ingest_event_ids set result = r.result
    from ${jsonRows(dialect, { event_id: "text", result: "text" }, results)} as r
    where ingest_event_ids.publisher_id = ${publisherId} and ingest_event_ids.event_id = r.event_id`.execute(trx);
}

const lastPrune = new WeakMap<Kysely<Database>, number>();

/** Deletes keys and event ids past their 24 h; at most once a minute per database handle, after the commit. */
export async function pruneIdempotency(db: Kysely<Database>, now: number): Promise<void> {
  if (now - (lastPrune.get(db) ?? 0) < 60_000) return;
  lastPrune.set(db, now);
  const cutoff = now - IDEMPOTENCY_KEEP_MS;
  await db.deleteFrom("ingest_requests").where("created_at", "<=", cutoff).execute();
  await db.deleteFrom("ingest_event_ids").where("created_at", "<=", cutoff).execute();
}
