import type { EventInput } from "@hubhooks/schemas";
import type { Kysely } from "kysely";
import type { DeliveryConfig } from "../core/config.js";
import { newObjectId } from "../core/ids.js";
import type { Database, NewDeliveryRow } from "../store/schema.js";
import { buildBasePayload, withWebhookBlock } from "./build-payload.js";
import { loadNamespace, matchWebhooks } from "./match.js";

export interface RecordedEvent {
  eventId: string;
  deliveries: number;
  rateLimited: number;
}

async function recentTriggers(db: Kysely<Database>, webhookIds: string[], since: number): Promise<Map<string, number>> {
  if (webhookIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("deliveries")
    .select(["webhook_id", (eb) => eb.fn.countAll<number>().as("count")])
    .where("webhook_id", "in", webhookIds)
    .where("counted", "=", 1)
    .where("created_at", ">", since)
    .groupBy("webhook_id")
    .execute();
  return new Map(rows.map((row) => [row.webhook_id, Number(row.count)]));
}

/**
 * Matches each event and writes the events and one delivery per matching webhook in one transaction (the
 * outbox), so nothing is accepted that could be lost. Webhooks over their trigger limit get a `rate_limited`
 * row instead of a pending one: visible in the activity log and replayable, never silently dropped.
 */
export async function recordEvents(
  db: Kysely<Database>,
  inputs: EventInput[],
  publisherId: string,
  config: DeliveryConfig,
): Promise<RecordedEvent[]> {
  return db.transaction().execute(async (trx) => {
    const now = Date.now();
    const results: RecordedEvent[] = [];
    const deliveries: NewDeliveryRow[] = [];
    const triggers = new Map<string, number>();
    const namespaces = new Map<string, Awaited<ReturnType<typeof loadNamespace>>>();
    for (const input of inputs) {
      const namespaceName = input.repo.name.split("/")[0] as string;
      let namespace = namespaces.get(namespaceName);
      if (!namespace) {
        namespace = await loadNamespace(trx, namespaceName);
        namespaces.set(namespaceName, namespace);
      }
      const matched = await matchWebhooks(trx, input, namespace);
      const unseen = matched.map((m) => m.id).filter((id) => !triggers.has(id));
      const counts = await recentTriggers(trx, unseen, now - config.rateLimit.windowMs);
      for (const id of unseen) triggers.set(id, counts.get(id) ?? 0);

      const eventId = newObjectId(now);
      const baseJson = JSON.stringify(
        buildBasePayload(input, { hubUrl: config.publicHubUrl, ownerId: namespace.id, authorId: publisherId }),
      );
      let rateLimited = 0;
      for (const webhook of matched) {
        const used = triggers.get(webhook.id) ?? 0;
        const allowed = used < config.rateLimit.limit;
        if (allowed) triggers.set(webhook.id, used + 1);
        else rateLimited++;
        deliveries.push({
          id: newObjectId(now),
          webhook_id: webhook.id,
          event_id: eventId,
          status: allowed ? "pending" : "rate_limited",
          scope: input.event.scope,
          action: input.event.action,
          repo_name: `${input.repo.type}/${input.repo.name}`,
          payload: withWebhookBlock(baseJson, webhook.id),
          counted: allowed ? 1 : 0,
          attempts: 0,
          next_attempt_at: allowed ? now : null,
          last_error: allowed ? null : `over the limit of ${config.rateLimit.limit} triggers per 24 h`,
          created_at: now,
          updated_at: now,
        });
      }
      await trx
        .insertInto("events")
        .values({
          id: eventId,
          publisher_id: publisherId,
          scope: input.event.scope,
          action: input.event.action,
          repo_name: `${input.repo.type}/${input.repo.name}`,
          created_at: now,
        })
        .execute();
      results.push({ eventId, deliveries: matched.length, rateLimited });
    }
    // Chunked so a large batch stays under SQLite's bound-parameter limit.
    for (let i = 0; i < deliveries.length; i += 200) {
      await trx
        .insertInto("deliveries")
        .values(deliveries.slice(i, i + 200))
        .execute();
    }
    return results;
  });
}
