import { z } from "zod";

export const DELIVERY_STATUSES = ["pending", "delivered", "failed", "rate_limited", "cancelled"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The Job a job webhook's delivery started, as the activity log shows it: its stage is the job's current one. */
export const JobStartedSchema = z.object({
  id: z.string(),
  namespace: z.string(),
  stage: z.string(),
  message: z.string().nullable(),
});
export type JobStarted = z.infer<typeof JobStartedSchema>;

export const DeliveryAttemptSchema = z.object({
  id: z.string(),
  attempt: z.number().int(),
  trigger: z.enum(["auto", "replay"]),
  startedAt: z.string(),
  durationMs: z.number(),
  url: z.string(),
  requestHeaders: z.record(z.string(), z.string()),
  statusCode: z.number().int().nullable(),
  responseHeaders: z.record(z.string(), z.string()),
  responseBody: z.string(),
  error: z.string().nullable(),
  /** A job webhook's attempt: the Job it started, its stage as it is now (null: the job was deleted). */
  job: JobStartedSchema.nullable().optional(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttemptSchema>;

export const DeliverySummarySchema = z.object({
  id: z.string(),
  webhookId: z.string(),
  eventId: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  scope: z.string(),
  action: z.string(),
  repo: z.string(),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastDurationMs: z.number().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** A job webhook's delivery: the Job its latest attempt started. */
  job: JobStartedSchema.nullable().optional(),
});
export type DeliverySummary = z.infer<typeof DeliverySummarySchema>;

export const DeliveryDetailSchema = DeliverySummarySchema.extend({
  payload: z.unknown(),
  attemptLog: z.array(DeliveryAttemptSchema),
});
export type DeliveryDetail = z.infer<typeof DeliveryDetailSchema>;

export const DeliveryListResponseSchema = z.object({
  deliveries: z.array(DeliverySummarySchema),
  nextCursor: z.string().nullable(),
  usage: z.object({ count: z.number().int(), limit: z.number().int(), windowHours: z.number() }),
  /** hubhooks sandbox: the latest time (last 24 h) the loop guard stopped this webhook's owner from changing repos. */
  loopGuard: z.object({ trippedAt: z.string(), changes: z.number().int(), message: z.string() }).optional(),
});
export type DeliveryListResponse = z.infer<typeof DeliveryListResponseSchema>;

const Instant = z
  .union([z.string(), z.number()], { error: "must be an ISO 8601 time or epoch milliseconds" })
  .transform((value) => (typeof value === "number" ? new Date(value).toISOString() : value))
  .refine((value) => !Number.isNaN(Date.parse(value)), "must be an ISO 8601 time or epoch milliseconds");

/** `POST /api/settings/webhooks/{id}/recover`: the window whose failed deliveries to send again. */
export const RecoverBodySchema = z.object(
  { since: Instant, until: Instant.optional() },
  { error: "body must be a JSON object with since (and until)" },
);

export const RecoverySchema = z.object({
  id: z.string(),
  webhookId: z.string(),
  since: z.string(),
  until: z.string().nullable(),
  status: z.enum(["running", "done"]),
  queued: z.number().int(),
  limit: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Recovery = z.infer<typeof RecoverySchema>;
