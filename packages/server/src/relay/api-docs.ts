import {
  CreateRelayChannelBodySchema,
  RELAY_CHANNEL_ID_PATTERN,
  RelayAnswerSchema,
  RelayChannelSchema,
  RelayEventListResponseSchema,
  RelayEventSchema,
  RelayEventSummarySchema,
} from "@hubhooks/schemas";
import { z } from "zod";
import type { RouteDoc } from "../core/route-doc.js";

const CHANNELS = "/api/relay/channels";
const id = { id: { schema: z.string().regex(RELAY_CHANNEL_ID_PATTERN), description: "The channel's id" } };
const notFound = { 404: "Unknown channel or event, or another user's" };
const channel = { description: "The channel", schema: z.object({ channel: RelayChannelSchema }) };
const empty = { description: "Done", schema: z.object({}) };

/** What the public URL of a channel relays: webhooks are POSTs, some senders use the other write methods. */
const inbound = (["post", "put", "patch", "delete"] as const).flatMap((method) =>
  ["/relay/:channelId", "/relay/:channelId/*"].map(
    (path): RouteDoc => ({
      method,
      path,
      auth: "none",
      summary: "A channel's public URL: stores the request as received, headers and body untouched",
      description: "No token: the channel id is the secret of its URL. Other methods get 405.",
      params: { channelId: id.id },
      body: { contentType: "*/*", description: "Any body, stored byte for byte" },
      ok: { description: "Stored", schema: z.object({ id: z.string(), seq: z.number().int() }) },
      errors: {
        404: "Unknown channel",
        405: "Not a relayed method",
        429: "The channel holds as many unacknowledged events as it keeps",
      },
    }),
  ),
);

/** The relay (relay/api-routes.ts and relay/inbound-routes.ts). */
export const relayDocs: RouteDoc[] = [
  {
    method: "get",
    path: CHANNELS,
    auth: "token",
    summary: "List your relay channels",
    ok: { description: "Your channels", schema: z.array(RelayChannelSchema) },
  },
  {
    method: "post",
    path: CHANNELS,
    auth: "token",
    summary: "Create a relay channel",
    body: CreateRelayChannelBodySchema,
    ok: channel,
    errors: { 422: "Too many channels for this account" },
  },
  {
    method: "post",
    path: "/api/relay/webhooks/:webhookId/channel",
    auth: "token",
    summary: "The channel that streams one of your webhooks' deliveries to a listener (made on first use)",
    ok: channel,
    errors: { 404: "Unknown webhook, or another user's" },
  },
  {
    method: "get",
    path: `${CHANNELS}/:id`,
    params: id,
    auth: "token",
    summary: "Get a channel",
    ok: channel,
    errors: notFound,
  },
  {
    method: "delete",
    path: `${CHANNELS}/:id`,
    params: id,
    auth: "token",
    summary: "Delete a channel and its events",
    ok: empty,
    errors: notFound,
  },
  {
    method: "get",
    path: `${CHANNELS}/:id/events`,
    params: id,
    auth: "token",
    summary: "The channel's latest events, newest first, with the local answers",
    query: { limit: { schema: z.number().int().min(1).max(500).default(50) } },
    ok: { description: "Events", schema: RelayEventListResponseSchema },
    errors: notFound,
  },
  {
    method: "get",
    path: `${CHANNELS}/:id/events/:eventId`,
    params: id,
    auth: "token",
    summary: "One event with its headers and body (base64) as received",
    ok: { description: "The event", schema: z.object({ event: RelayEventSchema }) },
    errors: notFound,
  },
  {
    method: "post",
    path: `${CHANNELS}/:id/events/:eventId/replay`,
    params: id,
    auth: "token",
    summary: "Send an event again to the channel's listener",
    ok: { description: "The event", schema: z.object({ event: RelayEventSummarySchema }) },
    errors: notFound,
  },
  {
    method: "post",
    path: `${CHANNELS}/:id/events/:eventId/ack`,
    params: id,
    auth: "token",
    summary: "Acknowledge a forwarded event with the local answer (the listener does this)",
    body: RelayAnswerSchema,
    ok: empty,
    errors: notFound,
  },
  {
    method: "get",
    path: `${CHANNELS}/:id/listen`,
    params: id,
    auth: "token",
    summary: "The listen stream: server-sent events (ready, ping, and request with a RelayEvent as data)",
    ok: { description: "An event stream", contentType: "text/event-stream", schema: z.string() },
    errors: notFound,
  },
  ...inbound,
];
