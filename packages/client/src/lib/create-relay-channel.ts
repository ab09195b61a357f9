import type { RelayChannel } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";

/** Creates a relay channel (hubhooks servers): set its `url` as a webhook URL, then `listenRelayChannel`. */
export async function createRelayChannel(params: { name?: string } & CredentialsParams): Promise<RelayChannel> {
  const body = params.name === undefined ? {} : { name: params.name };
  const { channel } = await hubRequest<{ channel: RelayChannel }>(params, "POST", "/api/relay/channels", body);
  return channel;
}
