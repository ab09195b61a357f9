import type { DeliveryDetail } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest, webhookPath } from "../utils/hub-request.js";

/** One delivery with its payload and every attempt (hubhooks servers). */
export async function getDelivery(
  params: { webhookId: string; deliveryId: string } & CredentialsParams,
): Promise<DeliveryDetail> {
  const path = webhookPath(params.webhookId, `/deliveries/${encodeURIComponent(params.deliveryId)}`);
  const { delivery } = await hubRequest<{ delivery: DeliveryDetail }>(params, "GET", path);
  return delivery;
}
