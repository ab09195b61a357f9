import type { DeliveryAttempt, DeliveryDetail, DeliveryStatus, DeliverySummary } from "@hubhooks/schemas";
import type { Kysely } from "kysely";
import { deliveryBody } from "../core/delivery-body.js";
import type { AttemptRow, Database, DeliveryRow } from "../store/schema.js";
import { attemptFromRow } from "./first-attempt.js";
import { withLatestJobs, withStartedJobs } from "./started-jobs.js";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toSummary(
  row: Omit<
    DeliveryRow,
    "payload" | "counted" | "lease_token" | "leased_until" | "recovered_at" | "traceparent" | "first_attempt"
  >,
): DeliverySummary {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    status: row.status as DeliveryStatus,
    scope: row.scope,
    action: row.action,
    repo: row.repo_name,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    lastDurationMs: row.last_duration_ms,
    // While an attempt runs this is its lease; "pending" with a time tells when the next try is due.
    nextAttemptAt: row.status === "pending" ? iso(row.next_attempt_at) : null,
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
  };
}

const SUMMARY_COLUMNS = [
  "id",
  "webhook_id",
  "event_id",
  "status",
  "scope",
  "action",
  "repo_name",
  "attempts",
  "next_attempt_at",
  "last_status_code",
  "last_error",
  "last_duration_ms",
  "created_at",
  "updated_at",
] as const;

/** The owner's webhook (url and secret for replay), or undefined for unknown ids and other users' webhooks. */
export async function findOwnedWebhook(db: Kysely<Database>, ownerId: string, webhookId: string) {
  return db
    .selectFrom("webhooks")
    .select(["id", "url", "secret", "signing_secret", "previous_signing_secret", "previous_signing_expires_at"])
    .where("id", "=", webhookId)
    .where("owner_id", "=", ownerId)
    .executeTakeFirst();
}

export function encodeCursor(row: { created_at: number; id: string }): string {
  return Buffer.from(`${row.created_at}:${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: number; id: string } | undefined {
  const [createdAt, id] = Buffer.from(cursor, "base64url").toString().split(":");
  if (!createdAt || !id || !/^\d+$/.test(createdAt)) return undefined;
  return { createdAt: Number(createdAt), id };
}

/** Newest first, `limit` at a time, after `cursor`. */
export async function listDeliveries(
  db: Kysely<Database>,
  webhookId: string,
  options: {
    status?: DeliveryStatus | undefined;
    /** The event's scope, as "repo.content" (exactly). */
    scope?: string | undefined;
    /** Created at or after / before these times (epoch ms). */
    since?: number | undefined;
    until?: number | undefined;
    limit: number;
    cursor?: { createdAt: number; id: string } | undefined;
    /** The webhook's stored URL: a job webhook's deliveries carry the job each started. */
    webhookUrl?: string | undefined;
  },
): Promise<{ deliveries: DeliverySummary[]; nextCursor: string | null }> {
  let query = db.selectFrom("deliveries").select(SUMMARY_COLUMNS).where("webhook_id", "=", webhookId);
  if (options.status) query = query.where("status", "=", options.status);
  if (options.scope) query = query.where("scope", "=", options.scope);
  if (options.since !== undefined) query = query.where("created_at", ">=", options.since);
  if (options.until !== undefined) query = query.where("created_at", "<", options.until);
  const { cursor } = options;
  if (cursor) {
    query = query.where((eb) =>
      eb.or([
        eb("created_at", "<", cursor.createdAt),
        eb.and([eb("created_at", "=", cursor.createdAt), eb("id", "<", cursor.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(options.limit + 1)
    .execute();
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  const deliveries = page.map(toSummary);
  return {
    deliveries: options.webhookUrl ? await withLatestJobs(db, options.webhookUrl, deliveries) : deliveries,
    nextCursor: rows.length > options.limit && last ? encodeCursor(last) : null,
  };
}

export async function getDelivery(
  db: Kysely<Database>,
  webhookId: string,
  deliveryId: string,
): Promise<(DeliveryDetail & { rawPayload: string }) | undefined> {
  const row = await db
    .selectFrom("deliveries")
    .leftJoin("events", "events.id", "deliveries.event_id")
    .selectAll("deliveries")
    .select("events.payload as event_payload")
    .where("deliveries.id", "=", deliveryId)
    .where("deliveries.webhook_id", "=", webhookId)
    .executeTakeFirst();
  if (!row) return undefined;
  const body = deliveryBody(row.payload, row.event_payload, row.webhook_id);
  const attempts = await db
    .selectFrom("attempts")
    .selectAll()
    .where("delivery_id", "=", deliveryId)
    .orderBy("started_at")
    .orderBy("id")
    .execute();
  // A successful first attempt is kept in the delivery's row; later ones (replays) are in `attempts`.
  const all = row.first_attempt === null ? attempts : [attemptFromRow(row.first_attempt), ...attempts];
  if (row.first_attempt !== null)
    all.sort((a, b) => a.started_at - b.started_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const attemptLog = await withStartedJobs(db, deliveryId, all.map(toAttempt));
  return { ...toSummary(row), payload: JSON.parse(body), attemptLog, rawPayload: body };
}

/** An attempt row as the API shows it. */
export function toAttempt(a: Omit<AttemptRow, "delivery_id">): DeliveryAttempt {
  return {
    id: a.id,
    attempt: a.attempt,
    trigger: a.trigger as "auto" | "replay",
    startedAt: new Date(a.started_at).toISOString(),
    durationMs: a.duration_ms,
    url: a.url,
    requestHeaders: JSON.parse(a.request_headers),
    statusCode: a.status_code,
    responseHeaders: JSON.parse(a.response_headers),
    responseBody: a.response_body,
    error: a.error,
  };
}

/** How much of the trigger limit the webhook used in the sliding window, as the activity log shows it. */
export async function triggerUsage(
  db: Kysely<Database>,
  webhookId: string,
  rateLimit: { limit: number; windowMs: number },
): Promise<{ count: number; limit: number; windowHours: number }> {
  const { count } = await db
    .selectFrom("deliveries")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("webhook_id", "=", webhookId)
    .where("counted", "=", 1)
    .where("created_at", ">", Date.now() - rateLimit.windowMs)
    .executeTakeFirstOrThrow();
  return { count: Number(count), limit: rateLimit.limit, windowHours: rateLimit.windowMs / 3_600_000 };
}

export interface WebhookHealth {
  /** Share of the last 100 attempted deliveries that were delivered, or null before any attempt. */
  successRate: number | null;
  sampled: number;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
}

/** How a webhook is doing: success rate over its last 100 attempted deliveries, last success and last failure. */
export async function webhookHealth(db: Kysely<Database>, webhookId: string): Promise<WebhookHealth> {
  const recent = await db
    .selectFrom("deliveries")
    .select(["status", "updated_at", "last_error"])
    .where("webhook_id", "=", webhookId)
    .where("attempts", ">", 0)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(100)
    .execute();
  const delivered = recent.filter((row) => row.status === "delivered").length;
  const last = async (success: boolean) => {
    let query = db
      .selectFrom("deliveries")
      .select("updated_at")
      .where("webhook_id", "=", webhookId)
      .where("attempts", ">", 0);
    query = success
      ? query.where("status", "=", "delivered")
      : query.where("status", "!=", "delivered").where("last_error", "is not", null);
    const row = await query.orderBy("updated_at", "desc").limit(1).executeTakeFirst();
    return row?.updated_at ?? null;
  };
  return {
    successRate: recent.length === 0 ? null : delivered / recent.length,
    sampled: recent.length,
    lastSuccessAt: await last(true),
    lastFailureAt: await last(false),
  };
}
