import type { RelayEvent } from "@hubhooks/schemas";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { createApiError, HubConnectionError } from "../error.js";
import type { CredentialsParams } from "../types/public.js";
import { resolveAccessToken, resolveHubUrl } from "../utils/hub-request.js";
import { relayChannelPath } from "../utils/relay-path.js";

/** What a listen stream carries: "ready" once connected, "ping" every few seconds, and the relayed requests. */
export type RelayMessage = { type: "ready" } | { type: "ping" } | { type: "request"; event: RelayEvent };

/**
 * Connects to a channel's listen stream (server-sent events) and yields its messages until the stream ends or
 * `signal` aborts. Every event not yet acknowledged comes first, in order; acknowledge each with
 * `acknowledgeRelayEvent` once handled, or it is sent again on the next connection.
 */
export async function* listenRelayChannel(
  params: { channelId: string; signal?: AbortSignal } & CredentialsParams,
): AsyncGenerator<RelayMessage> {
  const url = `${resolveHubUrl(params.hubUrl)}${relayChannelPath(params.channelId, "/listen")}`;
  const headers = { Authorization: `Bearer ${resolveAccessToken(params.accessToken)}`, Accept: "text/event-stream" };
  const init: RequestInit = { headers, redirect: "manual" };
  if (params.signal) init.signal = params.signal;
  let response: Response;
  try {
    response = await (params.fetch ?? fetch)(url, init);
  } catch (error) {
    throw new HubConnectionError(url, error);
  }
  if (!response.ok) throw await createApiError(response, url);
  if (!response.body) throw new HubConnectionError(url, new Error("the listen stream has no body"));
  const messages = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  for await (const message of messages as unknown as AsyncIterable<{ event?: string; data: string }>) {
    if (message.event === "request") yield { type: "request", event: JSON.parse(message.data) as RelayEvent };
    else if (message.event === "ready") yield { type: "ready" };
    else if (message.event === "ping") yield { type: "ping" };
  }
}
