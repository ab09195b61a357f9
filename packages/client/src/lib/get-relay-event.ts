import type { RelayEvent } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";
import { relayChannelPath } from "../utils/relay-path.js";

/** One event with its headers and body (base64) as received. */
export async function getRelayEvent(
  params: { channelId: string; eventId: string } & CredentialsParams,
): Promise<RelayEvent> {
  const path = relayChannelPath(params.channelId, `/events/${encodeURIComponent(params.eventId)}`);
  const { event } = await hubRequest<{ event: RelayEvent }>(params, "GET", path);
  return event;
}
