import type { DeliveryListResponse, DeliveryStatus } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest, webhookPath } from "../utils/hub-request.js";

export interface ListDeliveriesParams extends CredentialsParams {
  webhookId: string;
  status?: DeliveryStatus;
  /** Only deliveries of this event scope, as "repo.content". */
  scope?: string;
  /** Only deliveries created at or after / before these times (ISO 8601 or a Date). */
  since?: string | Date;
  until?: string | Date;
  /** Page size, 1–200 (50 by default). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/** A page of a webhook's activity log, newest first, with its usage of the trigger limit (hubhooks servers). */
export function listDeliveries(params: ListDeliveriesParams): Promise<DeliveryListResponse> {
  const query = new URLSearchParams();
  if (params.status) query.set("status", params.status);
  if (params.scope) query.set("scope", params.scope);
  if (params.since) query.set("since", new Date(params.since).toISOString());
  if (params.until) query.set("until", new Date(params.until).toISOString());
  if (params.limit !== undefined) query.set("limit", String(params.limit));
  if (params.cursor) query.set("cursor", params.cursor);
  const suffix = `/deliveries${query.size ? `?${query}` : ""}`;
  return hubRequest<DeliveryListResponse>(params, "GET", webhookPath(params.webhookId, suffix));
}
