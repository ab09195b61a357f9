import type { RelayChannel } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";
import { relayChannelPath } from "../utils/relay-path.js";

export async function getRelayChannel(params: { channelId: string } & CredentialsParams): Promise<RelayChannel> {
  const { channel } = await hubRequest<{ channel: RelayChannel }>(params, "GET", relayChannelPath(params.channelId));
  return channel;
}
