import type { DeliveryAttempt, DeliveryDetail } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest, webhookPath } from "../utils/hub-request.js";

/** Sends a delivery's payload again to the webhook's current URL and secret; resolves with the new attempt. */
export function replayDelivery(
  params: { webhookId: string; deliveryId: string } & CredentialsParams,
): Promise<{ delivery: DeliveryDetail; attempt: DeliveryAttempt }> {
  const path = webhookPath(params.webhookId, `/deliveries/${encodeURIComponent(params.deliveryId)}/replay`);
  return hubRequest(params, "POST", path);
}
