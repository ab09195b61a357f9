import { z } from "zod";

/** Relay channel ids: 32 URL-safe base64 characters (192 random bits), the only secret of a channel's public URL. */
export const RELAY_CHANNEL_ID_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export const CreateRelayChannelBodySchema = z.strictObject({
  name: z.string().max(100, "name: must be at most 100 characters").nullish(),
});
export type CreateRelayChannelBody = z.infer<typeof CreateRelayChannelBodySchema>;

export const RelayChannelSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Where to send webhooks: the public URL of the channel. */
  url: z.string(),
  /** Set for the channel that streams a hubhooks webhook's deliveries to `hubhooks listen --webhook`. */
  webhookId: z.string().nullable(),
  /** Events not yet acknowledged by a listener. */
  pending: z.number().int(),
  /** Whether a listener has been connected in the last seconds. */
  listening: z.boolean(),
  createdAt: z.string(),
});
export type RelayChannel = z.infer<typeof RelayChannelSchema>;

/** What the listener's local receiver answered. */
export const RelayAnswerSchema = z.strictObject({
  statusCode: z.number().int().min(100).max(599).nullable(),
  durationMs: z.number().int().min(0).max(86_400_000),
  /** An excerpt of the answer's body. */
  body: z.string().max(4_096, "body: must be at most 4096 characters").default(""),
  /** Why there is no answer (connection refused, timed out…). */
  error: z.string().max(1_000).nullable().default(null),
});
export type RelayAnswer = z.output<typeof RelayAnswerSchema>;

export const RelayEventSummarySchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  method: z.string(),
  /** The path and query after the channel's URL ("" or "/x?y=1"). */
  path: z.string(),
  size: z.number().int(),
  receivedAt: z.string(),
  /** How many times it was sent to a listener. */
  sends: z.number().int(),
  acknowledgedAt: z.string().nullable(),
  /** The hubhooks delivery it carries, for a listened webhook. */
  deliveryId: z.string().nullable(),
  answer: RelayAnswerSchema.extend({ at: z.string() }).nullable(),
});
export type RelayEventSummary = z.infer<typeof RelayEventSummarySchema>;

/** An event as the listener receives it: the request exactly as it came in (body as base64). */
export const RelayEventSchema = RelayEventSummarySchema.extend({
  /** Header name/value pairs, in the order and spelling received. */
  headers: z.array(z.tuple([z.string(), z.string()])),
  body: z.string(),
});
export type RelayEvent = z.infer<typeof RelayEventSchema>;

export const RelayEventListResponseSchema = z.object({ events: z.array(RelayEventSummarySchema) });
export type RelayEventListResponse = z.infer<typeof RelayEventListResponseSchema>;
