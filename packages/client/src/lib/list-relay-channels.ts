import type { RelayChannel } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";

/** Your relay channels, newest first. */
export function listRelayChannels(params: CredentialsParams): Promise<RelayChannel[]> {
  return hubRequest<RelayChannel[]>(params, "GET", "/api/relay/channels");
}
