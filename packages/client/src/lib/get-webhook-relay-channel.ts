import type { RelayChannel } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";

/**
 * The channel that streams a webhook's deliveries to a listener instead of POSTing them, made on first use
 * (hubhooks servers). While a listener is connected to it, the webhook's attempts go to the listener.
 */
export async function getWebhookRelayChannel(params: { webhookId: string } & CredentialsParams): Promise<RelayChannel> {
  const path = `/api/relay/webhooks/${encodeURIComponent(params.webhookId)}/channel`;
  const { channel } = await hubRequest<{ channel: RelayChannel }>(params, "POST", path);
  return channel;
}
