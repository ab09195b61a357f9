import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";

/** A loop-guard trip as the activity log shows it (the sandbox's loop guard writes them). */
export interface LoopTrip {
  webhookId: string;
  changes: number;
  at: number;
}

/** The webhook's latest trip of the last 24 h, for its Activity tab. */
export async function latestLoopTrip(db: Kysely<Database>, webhookId: string): Promise<LoopTrip | undefined> {
  const row = await db
    .selectFrom("sandbox_loop_trips")
    .select(["webhook_id", "changes", "created_at"])
    .where("webhook_id", "=", webhookId)
    .where("created_at", ">", Date.now() - 24 * 3_600_000)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
  return row && { webhookId: row.webhook_id, changes: row.changes, at: Number(row.created_at) };
}

/** The trip in words, for the activity log (API and Activity tab). */
export function loopGuardNotice(trip: LoopTrip): { trippedAt: string; changes: number; message: string } {
  return {
    trippedAt: new Date(trip.at).toISOString(),
    changes: trip.changes,
    message:
      `Loop guard: this webhook's deliveries were followed by ${trip.changes} changes to the same repo within a ` +
      "minute, so its deliveries of the events those changes fired are held back (pending, sent after the hold, " +
      "which doubles with each trip within an hour); no change was refused. If the receiver answers its own " +
      "events, make it ignore events whose author.id is its own (GET /api/whoami-v2).",
  };
}
