import type { CredentialsParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";
import { relayChannelPath } from "../utils/relay-path.js";

/** Deletes a relay channel and every event it holds; its URL answers 404 from then on. */
export async function deleteRelayChannel(params: { channelId: string } & CredentialsParams): Promise<void> {
  await hubRequest(params, "DELETE", relayChannelPath(params.channelId));
}
