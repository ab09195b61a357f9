import type { RelayEventSummary } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";
import { relayChannelPath } from "../utils/relay-path.js";

/** Sends an event again to the channel's listener (now, or when one connects). */
export async function replayRelayEvent(
  params: { channelId: string; eventId: string } & CredentialsParams,
): Promise<RelayEventSummary> {
  const path = relayChannelPath(params.channelId, `/events/${encodeURIComponent(params.eventId)}/replay`);
  const { event } = await hubRequest<{ event: RelayEventSummary }>(params, "POST", path);
  return event;
}
