import type { RelayEventSummary } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";
import { relayChannelPath } from "../utils/relay-path.js";

/** The latest events of a channel, newest first, with the listener's local answers. */
export async function listRelayEvents(
  params: { channelId: string /** 1–500, 50 by default. */; limit?: number } & CredentialsParams,
): Promise<RelayEventSummary[]> {
  const query = params.limit === undefined ? "" : `?limit=${params.limit}`;
  const path = relayChannelPath(params.channelId, `/events${query}`);
  const { events } = await hubRequest<{ events: RelayEventSummary[] }>(params, "GET", path);
  return events;
}
