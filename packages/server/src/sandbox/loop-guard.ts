import type { Kysely } from "kysely";
import type { Account } from "../core/account.js";
import { apiError } from "../core/errors.js";
import { newObjectId } from "../core/ids.js";
import type { Database } from "../store/schema.js";

/** A change by a webhook's owner this soon after an event was delivered to that webhook counts as caused by it. */
const CAUSE_WINDOW_MS = 30_000;
const RATE_WINDOW_MS = 60_000;

/**
 * The bot loop guard. A bot that answers its own events changes the repo, which fires the event again. Each change
 * a user makes through the sandbox is counted against the user's webhooks that received an event in the last 30 s;
 * once one of them has caused `perMinute` changes in a minute, that user's changes are refused (429) until the
 * rate drops, and the trip is recorded for the webhook's Activity tab.
 *
 * Returns the webhooks to count the change against once it is made (`recordChange`).
 */
export async function checkLoopGuard(db: Kysely<Database>, actor: Account, perMinute: number): Promise<string[]> {
  if (perMinute === 0) return [];
  const now = Date.now();
  const recent = await db
    .selectFrom("deliveries")
    .innerJoin("webhooks", "webhooks.id", "deliveries.webhook_id")
    .select(["webhooks.id", "webhooks.url"])
    .distinct()
    .where("webhooks.owner_id", "=", actor.id)
    .where("deliveries.created_at", ">", now - CAUSE_WINDOW_MS)
    .execute();
  if (recent.length === 0) return [];
  const counts = await db
    .selectFrom("sandbox_changes")
    .select(["webhook_id", (eb) => eb.fn.countAll<number>().as("count")])
    .where(
      "webhook_id",
      "in",
      recent.map((row) => row.id),
    )
    .where("created_at", ">", now - RATE_WINDOW_MS)
    .groupBy("webhook_id")
    .execute();
  for (const { webhook_id, count } of counts) {
    if (Number(count) < perMinute) continue;
    const webhook = recent.find((row) => row.id === webhook_id);
    await recordTrip(db, webhook_id, actor.id, Number(count), now);
    throw apiError(
      429,
      `Loop guard: webhook ${webhook_id} (${webhook?.url}) caused ${count} changes by ${actor.name} within a minute ` +
        `(limit ${perMinute}). Its receiver's own changes trigger it again: ignore events whose author.id is your ` +
        "own (GET /api/whoami-v2). Changes from this token are refused until the rate drops.",
    );
  }
  return recent.map((row) => row.id);
}

export async function recordChange(db: Kysely<Database>, actor: Account, webhookIds: string[]): Promise<void> {
  if (webhookIds.length === 0) return;
  const now = Date.now();
  // Only the last minute counts: older rows of these webhooks go as new ones come, so the table stays small.
  await db
    .deleteFrom("sandbox_changes")
    .where("webhook_id", "in", webhookIds)
    .where("created_at", "<=", now - RATE_WINDOW_MS)
    .execute();
  await db
    .insertInto("sandbox_changes")
    .values(webhookIds.map((id) => ({ id: newObjectId(now), webhook_id: id, actor_id: actor.id, created_at: now })))
    .execute();
}

/** One trip row per webhook and minute, however many changes are refused in it. */
async function recordTrip(db: Kysely<Database>, webhookId: string, actorId: string, changes: number, now: number) {
  const recent = await db
    .selectFrom("sandbox_loop_trips")
    .select("id")
    .where("webhook_id", "=", webhookId)
    .where("created_at", ">", now - RATE_WINDOW_MS)
    .executeTakeFirst();
  if (recent) return;
  await db
    .insertInto("sandbox_loop_trips")
    .values({ id: newObjectId(now), webhook_id: webhookId, actor_id: actorId, changes, created_at: now })
    .execute();
}
