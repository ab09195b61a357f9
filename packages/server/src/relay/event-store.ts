import type { RelayAnswer } from "@hubhooks/schemas";
import { type Kysely, sql } from "kysely";
import { newObjectId } from "../core/ids.js";
import type { Database, RelayEventRow } from "../store/schema.js";

/** A request as received on a channel's public URL. */
export interface InboundRequest {
  method: string;
  path: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

export interface ChannelCaps {
  maxEventsPerChannel: number;
  maxEventAgeMs: number;
}

/** The channel holds as many unacknowledged events as it may keep: nothing listens, or too slowly. */
export class ChannelFullError extends Error {
  override name = "ChannelFullError";
}

/**
 * Stores a request on the channel in one transaction: its seq (taking the channel's row lock, so events of a
 * channel are numbered in commit order), events past the age limit and the oldest acknowledged events past the
 * count limit go. A channel whose unacknowledged events fill the limit refuses with ChannelFullError.
 */
export async function recordInbound(
  db: Kysely<Database>,
  channelId: string,
  request: InboundRequest,
  caps: ChannelCaps,
  deliveryId: string | null = null,
): Promise<RelayEventRow> {
  const now = Date.now();
  return db.transaction().execute(async (trx) => {
    const channel = await trx
      .updateTable("relay_channels")
      .set((eb) => ({ next_seq: eb("next_seq", "+", 1) }))
      .where("id", "=", channelId)
      .returning("next_seq")
      .executeTakeFirstOrThrow();
    const seq = Number(channel.next_seq) - 1;
    await trx
      .deleteFrom("relay_events")
      .where("channel_id", "=", channelId)
      .where("received_at", "<", now - caps.maxEventAgeMs)
      .execute();
    const counts = await trx
      .selectFrom("relay_events")
      .select((eb) => [
        eb.fn.countAll<number>().as("total"),
        eb.fn.count<number>(sql`case when acked_at is null then 1 end`).as("pending"),
      ])
      .where("channel_id", "=", channelId)
      .executeTakeFirstOrThrow();
    const max = caps.maxEventsPerChannel;
    if (Number(counts.pending) >= max) {
      throw new ChannelFullError(
        `this channel holds ${max} events no listener has acknowledged, the most it keeps: start "hubhooks listen" to receive them`,
      );
    }
    const surplus = Number(counts.total) - (max - 1);
    if (surplus > 0) {
      const oldest = trx
        .selectFrom("relay_events")
        .select("id")
        .where("channel_id", "=", channelId)
        .where("acked_at", "is not", null)
        .orderBy("seq")
        .limit(surplus);
      await trx.deleteFrom("relay_events").where("id", "in", oldest).execute();
    }
    const row: RelayEventRow = {
      id: newObjectId(now),
      channel_id: channelId,
      seq,
      method: request.method,
      path: request.path,
      headers: JSON.stringify(request.headers),
      body: Buffer.from(request.body).toString("base64"),
      size: request.body.byteLength,
      delivery_id: deliveryId,
      received_at: now,
      sends: 0,
      acked_at: null,
      answer_status: null,
      answer_duration_ms: null,
      answer_body: null,
      answer_error: null,
      answered_at: null,
    };
    await trx.insertInto("relay_events").values(row).execute();
    return row;
  });
}

/** Unacknowledged events in the order they came in. */
export function pendingEvents(db: Kysely<Database>, channelId: string, limit = 100): Promise<RelayEventRow[]> {
  return db
    .selectFrom("relay_events")
    .selectAll()
    .where("channel_id", "=", channelId)
    .where("acked_at", "is", null)
    .orderBy("seq")
    .limit(limit)
    .execute();
}

export async function markSent(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable("relay_events")
    .set((eb) => ({ sends: eb("sends", "+", 1) }))
    .where("id", "=", id)
    .execute();
}

/** Records the listener's answer and acknowledges the event; false for an unknown event of the channel. */
export async function acknowledge(
  db: Kysely<Database>,
  channelId: string,
  eventId: string,
  answer: RelayAnswer,
): Promise<boolean> {
  const now = Date.now();
  const result = await db
    .updateTable("relay_events")
    .set((eb) => ({
      acked_at: eb.fn.coalesce("acked_at", eb.val(now)),
      answer_status: answer.statusCode,
      answer_duration_ms: answer.durationMs,
      answer_body: answer.body,
      answer_error: answer.error,
      answered_at: now,
    }))
    .where("id", "=", eventId)
    .where("channel_id", "=", channelId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks an event unacknowledged again, so listeners receive it (replay); false for an unknown event. */
export async function requeue(db: Kysely<Database>, channelId: string, eventId: string): Promise<boolean> {
  const result = await db
    .updateTable("relay_events")
    .set({ acked_at: null })
    .where("id", "=", eventId)
    .where("channel_id", "=", channelId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function listEvents(db: Kysely<Database>, channelId: string, limit: number): Promise<RelayEventRow[]> {
  return db
    .selectFrom("relay_events")
    .selectAll()
    .where("channel_id", "=", channelId)
    .orderBy("seq", "desc")
    .limit(limit)
    .execute();
}

export function findEvent(db: Kysely<Database>, channelId: string, eventId: string) {
  return db
    .selectFrom("relay_events")
    .selectAll()
    .where("channel_id", "=", channelId)
    .where("id", "=", eventId)
    .executeTakeFirst();
}
