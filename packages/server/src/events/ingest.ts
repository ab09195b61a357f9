import { type EventInput, namespaceOf } from "@hubhooks/schemas";
import { type Kysely, sql } from "kysely";
import type { DeliveryConfig } from "../core/config.js";
import type { ServerDeps } from "../core/deps.js";
import { newObjectId } from "../core/ids.js";
import { currentTraceparent, inSpan } from "../core/tracing.js";
import { insertRows } from "../store/insert-rows.js";
import { jsonValues } from "../store/json-rows.js";
import type { DialectName } from "../store/open-database.js";
import type { Database } from "../store/schema.js";
import { openTriggerWindow, type TriggerWindow } from "../store/trigger-counts.js";
import { buildBasePayload } from "./build-payload.js";
import { loadNamespaces, type MatchedWebhook, matchEvents, namespaceFor } from "./match.js";

export interface RecordedEvent {
  eventId: string;
  deliveries: number;
  rateLimited: number;
  /** The matched webhooks' ids (the publisher is the Hub's side: it may know which webhooks an event reached). */
  webhooks: string[];
  /** The delivery created for each of `webhooks`, in the same order: what `deliveries info` and `replay` take. */
  deliveryIds: string[];
  /** Why no webhook matched, when none did. */
  reason?: string;
}

const EVENT_COLUMNS = {
  id: "text",
  publisher_id: "text",
  scope: "text",
  action: "text",
  repo_name: "text",
  payload: "text",
  created_at: "bigint",
} as const;

const DELIVERY_COLUMNS = {
  id: "text",
  webhook_id: "text",
  event_id: "text",
  status: "text",
  scope: "text",
  action: "text",
  repo_name: "text",
  payload: "text",
  counted: "integer",
  attempts: "integer",
  next_attempt_at: "bigint",
  last_error: "text",
  created_at: "bigint",
  updated_at: "bigint",
} as const;

/**
 * Locks the matched webhooks' rows on PostgreSQL (in id order, so concurrent batches cannot deadlock), so
 * concurrent ingests count one after the other and the limit is exact; SQLite runs one write transaction at a time.
 * Then opens their trigger counts, whose cost does not grow with history (store/trigger-counts.ts).
 */
async function lockTriggerWindow(
  trx: Kysely<Database>,
  dialect: DialectName,
  webhookIds: string[],
  since: number,
): Promise<TriggerWindow> {
  if (dialect === "postgres" && webhookIds.length > 0) {
    const ids = jsonValues(dialect, webhookIds);
    await sql`select id from webhooks where id in ${ids} order by id for no key update`.execute(trx);
  }
  return openTriggerWindow(trx, dialect, webhookIds, since);
}

/**
 * Matches a batch of events and writes the events (each payload once) and one delivery per matching webhook in
 * the caller's transaction, a few statements (the outbox): whatever the caller changes commits with its events or
 * not at all. Webhooks over their trigger limit get a `rate_limited` row instead of a pending one: visible in the
 * activity log and replayable, never silently dropped. Workers are not woken: see `withEvents`.
 */
export async function recordEventsIn(
  trx: Kysely<Database>,
  dialect: DialectName,
  inputs: EventInput[],
  publisherId: string,
  config: DeliveryConfig,
  /** Deliver to this webhook only, whatever it watches (a test event sent from its page). */
  onlyTo?: MatchedWebhook,
): Promise<RecordedEvent[]> {
  const namespaceNames = [...new Set(inputs.flatMap((input) => namespaceOf(input.repo.name) ?? []))];
  const now = Date.now();
  const namespaces = await loadNamespaces(trx, dialect, namespaceNames);
  const matches = onlyTo
    ? inputs.map(() => ({ webhooks: [onlyTo], reason: undefined }))
    : await matchEvents(trx, dialect, inputs, namespaces);
  const matchedIds = [...new Set(matches.flatMap((match) => match.webhooks.map((webhook) => webhook.id)))].sort();
  const triggers = await lockTriggerWindow(trx, dialect, matchedIds, now - config.rateLimit.windowMs);
  const used = new Map(triggers.used);
  const added = new Map<string, number>();

  const results: RecordedEvent[] = [];
  const events: Array<Record<keyof typeof EVENT_COLUMNS, string | number>> = [];
  const deliveries: Array<Record<keyof typeof DELIVERY_COLUMNS, string | number | null>> = [];
  const overLimit = `over the limit of ${config.rateLimit.limit} triggers per 24 h`;
  inputs.forEach((input, index) => {
    const match = matches[index];
    const matched = match?.webhooks ?? [];
    const eventId = newObjectId(now);
    const repoName = `${input.repo.type}/${input.repo.name}`;
    const ownerId = namespaceFor(namespaces, input.repo.name).id;
    const payload = JSON.stringify(
      buildBasePayload(input, { hubUrl: config.publicHubUrl, ownerId, authorId: publisherId }),
    );
    const { scope, action } = input.event;
    events.push({
      id: eventId,
      publisher_id: publisherId,
      scope,
      action,
      repo_name: repoName,
      payload,
      created_at: now,
    });
    let rateLimited = 0;
    const deliveryIds: string[] = [];
    for (const webhook of matched) {
      const count = used.get(webhook.id) ?? 0;
      const allowed = count < config.rateLimit.limit;
      if (allowed) {
        used.set(webhook.id, count + 1);
        added.set(webhook.id, (added.get(webhook.id) ?? 0) + 1);
      } else rateLimited++;
      const deliveryId = newObjectId(now);
      deliveryIds.push(deliveryId);
      deliveries.push({
        id: deliveryId,
        webhook_id: webhook.id,
        event_id: eventId,
        status: allowed ? "pending" : "rate_limited",
        scope,
        action,
        repo_name: repoName,
        payload: "",
        counted: allowed ? 1 : 0,
        attempts: 0,
        next_attempt_at: allowed ? now : null,
        last_error: allowed ? null : overLimit,
        created_at: now,
        updated_at: now,
      });
    }
    results.push({
      eventId,
      deliveries: matched.length,
      rateLimited,
      webhooks: matched.map((webhook) => webhook.id),
      deliveryIds,
      ...(match?.reason && { reason: match.reason }),
    });
  });
  await insertRows(trx, dialect, "events", EVENT_COLUMNS, events);
  // Traced, each delivery keeps its ingest's trace context; untraced, the statement is the same as ever.
  const traceparent = currentTraceparent();
  if (traceparent) {
    const traced = deliveries.map((row) => ({ ...row, traceparent }));
    await insertRows(trx, dialect, "deliveries", { ...DELIVERY_COLUMNS, traceparent: "text" }, traced);
  } else await insertRows(trx, dialect, "deliveries", DELIVERY_COLUMNS, deliveries);
  await triggers.save(added, now);
  return results;
}

/** What recording events needs from the server. */
export type IngestDeps = Pick<ServerDeps, "db" | "dialect" | "config" | "notifier" | "metrics">;

/** A transaction that records events: they wake the delivery workers once it has committed. */
export interface EventTransaction {
  trx: Kysely<Database>;
  record(inputs: EventInput[], publisherId: string, onlyTo?: MatchedWebhook): Promise<RecordedEvent[]>;
}

/** Whether recorded events left work for the workers (a pending delivery, not only rate-limited ones). */
export function hasDueDeliveries(results: RecordedEvent[]): boolean {
  return results.some((result) => result.deliveries > result.rateLimited);
}

/**
 * Runs `work` (a change and the events it fires) in one transaction, then wakes the workers if it recorded due
 * deliveries: never before the commit, so a worker cannot look for rows that are not there yet, and never for a
 * change that rolled back.
 */
export async function withEvents<T>(deps: IngestDeps, work: (tx: EventTransaction) => Promise<T>): Promise<T> {
  let due = false;
  let rateLimited = 0;
  const result = await deps.db.transaction().execute((trx) =>
    work({
      trx,
      async record(inputs, publisherId, onlyTo) {
        const results = await inSpan("hubhooks ingest", { "hubhooks.events": inputs.length }, async (span) => {
          const recorded = await recordEventsIn(trx, deps.dialect, inputs, publisherId, deps.config, onlyTo);
          span?.setAttribute(
            "hubhooks.deliveries",
            recorded.reduce((sum, r) => sum + r.deliveries, 0),
          );
          if (recorded.length === 1) span?.setAttribute("hubhooks.event.id", recorded[0]?.eventId ?? "");
          return recorded;
        });
        if (hasDueDeliveries(results)) due = true;
        for (const recorded of results) rateLimited += recorded.rateLimited;
        return results;
      },
    }),
  );
  if (due) deps.notifier.notify();
  deps.metrics.delivery("rate_limited", rateLimited);
  return result;
}

/** Records events in their own transaction and wakes the workers after the commit. */
export function recordAndNotify(
  deps: IngestDeps,
  inputs: EventInput[],
  publisherId: string,
  onlyTo?: MatchedWebhook,
): Promise<RecordedEvent[]> {
  return withEvents(deps, (tx) => tx.record(inputs, publisherId, onlyTo));
}
