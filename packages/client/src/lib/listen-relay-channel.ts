import type { RelayEvent } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { eventStream } from "../utils/event-stream.js";
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
  const messages = eventStream(params, relayChannelPath(params.channelId, "/listen"), "listen stream");
  for await (const message of messages) {
    if (message.event === "request") yield { type: "request", event: JSON.parse(message.data) as RelayEvent };
    else if (message.event === "ready") yield { type: "ready" };
    else if (message.event === "ping") yield { type: "ping" };
  }
}
