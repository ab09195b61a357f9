import type { RelayAnswer } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";
import { relayChannelPath } from "../utils/relay-path.js";

/** Tells the relay an event was forwarded and what the local receiver answered; it is not sent again. */
export async function acknowledgeRelayEvent(
  params: { channelId: string; eventId: string; answer: RelayAnswer } & CredentialsParams,
): Promise<void> {
  const path = relayChannelPath(params.channelId, `/events/${encodeURIComponent(params.eventId)}/ack`);
  await hubRequest(params, "POST", path, params.answer);
}
