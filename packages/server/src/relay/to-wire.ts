import type { RelayChannel, RelayEvent, RelayEventSummary } from "@hubhooks/schemas";
import type { RelayEventRow } from "../store/schema.js";
import { type ChannelRecord, isListening } from "./channel-store.js";

const iso = (ms: number) => new Date(ms).toISOString();

/** The public URL of a channel: what to set as the webhook URL. */
export const channelUrl = (baseUrl: string, id: string) => `${baseUrl}/relay/${id}`;

export function toChannel(record: ChannelRecord, baseUrl: string): RelayChannel {
  return {
    id: record.id,
    name: record.name,
    url: channelUrl(baseUrl, record.id),
    webhookId: record.webhook_id,
    pending: record.pending,
    listening: isListening(record),
    createdAt: iso(record.created_at),
  };
}

export function toEventSummary(row: RelayEventRow): RelayEventSummary {
  return {
    id: row.id,
    seq: row.seq,
    method: row.method,
    path: row.path,
    size: row.size,
    receivedAt: iso(row.received_at),
    sends: row.sends,
    acknowledgedAt: row.acked_at === null ? null : iso(row.acked_at),
    deliveryId: row.delivery_id,
    answer:
      row.answered_at === null
        ? null
        : {
            statusCode: row.answer_status,
            durationMs: row.answer_duration_ms ?? 0,
            body: row.answer_body ?? "",
            error: row.answer_error,
            at: iso(row.answered_at),
          },
  };
}

export function toEvent(row: RelayEventRow): RelayEvent {
  return { ...toEventSummary(row), headers: JSON.parse(row.headers) as Array<[string, string]>, body: row.body };
}
