import type { Kysely } from "kysely";
import type { Account } from "../core/account.js";
import { newObjectId } from "../core/ids.js";
import type { RecordedEvent } from "../events/ingest.js";
import type { Database } from "../store/schema.js";

/**
 * A change to a repo this soon after a delivery about that repo reached (or is reaching) a webhook's receiver
 * counts as its answer.
 */
const CAUSE_WINDOW_MS = 10_000;
const RATE_WINDOW_MS = 60_000;
/** The first hold of a looping webhook's deliveries; each further trip within an hour doubles it, up to an hour. */
const FIRST_HOLD_MS = 60_000;
const LONGEST_HOLD_MS = 3_600_000;

/**
 * The bot loop guard. A receiver that answers its own events changes the repo, which fires the event again, and
 * again. Which token it uses is not known (a bot often posts as another account), so a change to a repo counts
 * against every webhook that got a delivery about that repo in the last 10 s, whoever makes it. Once a webhook's
 * deliveries were followed by `perMinute` changes in a minute, its deliveries of the events this change fired are
 * held back (pending, due after the hold), which breaks the cycle: the receiver gets nothing to answer until then.
 *
 * No change is ever refused: a person committing quickly to a watched repo looks the same from here, and only
 * gets that webhook's deliveries late, never loses one or a commit. Holds double with each trip within an hour,
 * so a real loop slows to a trickle; every trip is logged for the webhook's Activity tab.
 */
export async function holdLoopingDeliveries(
  db: Kysely<Database>,
  actor: Account,
  recorded: RecordedEvent[],
  perMinute: number,
): Promise<void> {
  if (perMinute === 0 || recorded.length === 0) return;
  const now = Date.now();
  const newEvents = recorded.map((event) => event.eventId);
  const repos = await db.selectFrom("events").select("repo_name").distinct().where("id", "in", newEvents).execute();
  const answered = await db
    .selectFrom("events")
    .innerJoin("deliveries", "deliveries.event_id", "events.id")
    .select("deliveries.webhook_id")
    .distinct()
    .where("events.created_at", ">", now - CAUSE_WINDOW_MS)
    .where(
      "events.repo_name",
      "in",
      repos.map((row) => row.repo_name),
    )
    .where("events.id", "not in", newEvents)
    // Sent, or being sent now: a bot often changes the repo while its delivery's request is still open.
    .where((eb) => eb.or([eb("deliveries.attempts", ">", 0), eb("deliveries.lease_token", "is not", null)]))
    .execute();
  const webhookIds = answered.map((row) => row.webhook_id);
  if (webhookIds.length === 0) return;
  await countChange(db, actor, webhookIds, now);
  const counts = await db
    .selectFrom("sandbox_changes")
    .select(["webhook_id", (eb) => eb.fn.countAll<number>().as("count")])
    .where("webhook_id", "in", webhookIds)
    .where("created_at", ">", now - RATE_WINDOW_MS)
    .groupBy("webhook_id")
    .execute();
  for (const { webhook_id: webhookId, count } of counts) {
    if (Number(count) < perMinute) continue;
    const trips = await recordTrip(db, webhookId, actor.id, Number(count), now);
    const holdMs = Math.min(LONGEST_HOLD_MS, FIRST_HOLD_MS * 2 ** Math.max(0, trips - 1));
    const until = now + holdMs;
    await db
      .updateTable("deliveries")
      .set({
        next_attempt_at: until,
        last_error: `held by the loop guard until ${new Date(until).toISOString()}: this webhook's deliveries were followed by ${count} changes to the same repo within a minute`,
        updated_at: now,
      })
      .where("webhook_id", "=", webhookId)
      .where("event_id", "in", newEvents)
      .where("status", "=", "pending")
      .execute();
  }
}

async function countChange(db: Kysely<Database>, actor: Account, webhookIds: string[], now: number): Promise<void> {
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

/** One trip row per webhook and minute, however many deliveries are held in it; returns the trips of the hour. */
async function recordTrip(
  db: Kysely<Database>,
  webhookId: string,
  actorId: string,
  changes: number,
  now: number,
): Promise<number> {
  const trips = await db
    .selectFrom("sandbox_loop_trips")
    .select("created_at")
    .where("webhook_id", "=", webhookId)
    .where("created_at", ">", now - LONGEST_HOLD_MS)
    .execute();
  if (trips.some((trip) => Number(trip.created_at) > now - RATE_WINDOW_MS)) return trips.length;
  await db
    .insertInto("sandbox_loop_trips")
    .values({ id: newObjectId(now), webhook_id: webhookId, actor_id: actorId, changes, created_at: now })
    .execute();
  return trips.length + 1;
}
