import type { EventInputBody } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";

export interface PublishedEvent {
  eventId: string;
  /** Deliveries created, rate-limited ones included. */
  deliveries: number;
  rateLimited: number;
  /** Ids of the webhooks the event matched. */
  webhooks: string[];
  /** The delivery created for each of `webhooks`, in the same order (absent from servers before it was added). */
  deliveryIds?: string[];
  /** Why no webhook matched, when none did. */
  reason?: string;
}

/** Reports what happened on a repo to a hubhooks server (publisher token); matching webhooks get deliveries. */
export async function publishEvents(
  params: { events: EventInputBody[] } & CredentialsParams,
): Promise<PublishedEvent[]> {
  const { events } = await hubRequest<{ events: PublishedEvent[] }>(params, "POST", "/api/events", params.events);
  return events;
}
