import {
  CreateRelayChannelBodySchema,
  RelayAnswerSchema,
  RelayChannelSchema,
  RelayEventSchema,
  RelayEventSummarySchema,
} from "@hubhooks/schemas";
import { errorResponses, json, ref, schema } from "./helpers.js";

const errors = errorResponses([
  ["400", "Invalid request"],
  ["401", "Missing or invalid access token"],
  ["404", "Unknown channel or event, or another user's"],
]);
const channel = {
  description: "The channel",
  content: json({ type: "object", properties: { channel: ref("RelayChannel") }, required: ["channel"] }),
};
const eventSummary = {
  description: "The event",
  content: json({ type: "object", properties: { event: ref("RelayEventSummary") }, required: ["event"] }),
};
const string = { type: "string" };
const channelParam = {
  name: "channelId",
  in: "path",
  required: true,
  schema: { ...string, pattern: "^[A-Za-z0-9_-]{32}$" },
};
const eventParam = { name: "eventId", in: "path", required: true, schema: string };

export const relaySchemas = () => ({
  RelayChannel: schema(RelayChannelSchema, "output"),
  CreateRelayChannelBody: schema(CreateRelayChannelBodySchema, "input"),
  RelayEvent: schema(RelayEventSchema, "output"),
  RelayEventSummary: schema(RelayEventSummarySchema, "output"),
  RelayAnswer: schema(RelayAnswerSchema, "input"),
});

/** The relay's routes: channels of the signed-in user, their public URL, the listen stream. */
export const relayPaths = () => ({
  "/api/relay/channels": {
    get: {
      summary: "List your relay channels",
      responses: {
        "200": { description: "Your channels", content: json({ type: "array", items: ref("RelayChannel") }) },
        ...errors,
      },
    },
    post: {
      summary: "Create a relay channel",
      requestBody: { content: json(ref("CreateRelayChannelBody")) },
      responses: { "200": channel, ...errors, ...errorResponses([["422", "Too many channels for this account"]]) },
    },
  },
  "/api/relay/channels/{channelId}": {
    parameters: [channelParam],
    get: { summary: "Get a relay channel", responses: { "200": channel, ...errors } },
    delete: {
      summary: "Delete a relay channel and its events",
      responses: { "200": { description: "Deleted", content: json({ type: "object" }) }, ...errors },
    },
  },
  "/api/relay/channels/{channelId}/events": {
    parameters: [channelParam, { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500 } }],
    get: {
      summary: "The channel's latest events, newest first, with the local answers",
      responses: {
        "200": {
          description: "Events",
          content: json({ type: "object", properties: { events: { type: "array", items: ref("RelayEventSummary") } } }),
        },
        ...errors,
      },
    },
  },
  "/api/relay/channels/{channelId}/events/{eventId}": {
    parameters: [channelParam, eventParam],
    get: {
      summary: "One event with its headers and body (base64) as received",
      responses: {
        "200": {
          description: "The event",
          content: json({ type: "object", properties: { event: ref("RelayEvent") } }),
        },
        ...errors,
      },
    },
  },
  "/api/relay/channels/{channelId}/events/{eventId}/replay": {
    parameters: [channelParam, eventParam],
    post: { summary: "Send an event again to the channel's listener", responses: { "200": eventSummary, ...errors } },
  },
  "/api/relay/channels/{channelId}/events/{eventId}/ack": {
    parameters: [channelParam, eventParam],
    post: {
      summary: "Acknowledge a forwarded event with the local answer (the listener does this)",
      requestBody: { required: true, content: json(ref("RelayAnswer")) },
      responses: { "200": { description: "Acknowledged", content: json({ type: "object" }) }, ...errors },
    },
  },
  "/api/relay/channels/{channelId}/listen": {
    parameters: [channelParam],
    get: {
      summary: "The listen stream (server-sent events: ready, ping, request with a RelayEvent as data)",
      responses: {
        "200": { description: "text/event-stream", content: { "text/event-stream": { schema: string } } },
        ...errors,
      },
    },
  },
  "/api/relay/webhooks/{webhookId}/channel": {
    parameters: [{ name: "webhookId", in: "path", required: true, schema: { ...string, pattern: "^[0-9a-f]{24}$" } }],
    post: {
      summary: "The channel that streams one of your webhooks' deliveries to a listener (made on first use)",
      responses: { "200": channel, ...errors },
    },
  },
  "/relay/{channelId}": {
    parameters: [channelParam],
    post: {
      summary: "A channel's public URL: stores the request as received (no token: the id is the secret)",
      security: [],
      requestBody: { content: { "*/*": { schema: {} } } },
      responses: {
        "200": {
          description: "Stored",
          content: json({ type: "object", properties: { id: string, seq: { type: "integer" } } }),
        },
        ...errorResponses([
          ["404", "Unknown channel"],
          ["413", "Body over the relay's cap"],
          ["429", "The channel holds as many unacknowledged events as it keeps"],
        ]),
      },
    },
  },
});
