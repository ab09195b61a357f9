import { z } from "zod";
import { DomainListSchema } from "./domain.js";
import { JOB_ID_PATTERN, JobSpecWireSchema } from "./jobs.js";
import { WatchedItemSchema } from "./watched.js";

/** Webhook ids look like the Hub's MongoDB ObjectIds: 24 lowercase hex characters. */
export const WEBHOOK_ID_PATTERN = /^[0-9a-f]{24}$/;
export const MAX_SECRET_LENGTH = 512;
export const MAX_URL_LENGTH = 2048;
export const MAX_WATCHED_ITEMS = 100;

export const WebhookInfoSchema = z.looseObject({
  id: z.string(),
  url: z.string().nullable(),
  /** Set instead of `url` on a webhook that starts a Job: the source job's spec (secrets by name only). */
  job: JobSpecWireSchema.nullable().optional(),
  watched: z.array(z.object({ type: z.string(), name: z.string() })),
  domains: z.array(z.string()),
  secret: z.string().nullable().optional(),
  disabled: z.boolean(),
  /** hubhooks: why the service disabled the webhook by itself (the receiver answered 410 Gone, …). */
  disabledReason: z.string().optional(),
  /** hubhooks: Standard Webhooks signing secret, when deliveries are signed. */
  signingSecret: z.string().optional(),
  /** hubhooks: when the current streak of failed attempts began. */
  failingSince: z.string().optional(),
  /** hubhooks: from 50 % of the failing window on, when the webhook will be disabled unless a delivery succeeds. */
  failureWarning: z.string().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
export type WebhookInfo = z.infer<typeof WebhookInfoSchema>;

export const TargetUrlSchema = z
  .string({ error: "url must be a string" })
  .max(MAX_URL_LENGTH, `url must be at most ${MAX_URL_LENGTH} characters`)
  .refine(isHttpUrl, { message: "url must be an absolute http(s) URL" });

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol, hostname } = new URL(value);
  return (protocol === "http:" || protocol === "https:") && hostname !== "";
}

export const SecretSchema = z
  .string({ error: "secret must be a string" })
  .max(MAX_SECRET_LENGTH, `secret must be at most ${MAX_SECRET_LENGTH} characters`)
  // Sent as an HTTP header value, so printable ASCII only (the Hub documents "only ASCII characters").
  .regex(/^[\x20-\x7e]*$/, "secret must contain only printable ASCII characters");

const WatchedListSchema = z
  .array(WatchedItemSchema, { error: "watched must be an array of {type, name}" })
  .max(MAX_WATCHED_ITEMS, `watched must have at most ${MAX_WATCHED_ITEMS} items`);

const JobSourceIdSchema = z
  .string({ error: "jobSourceId must be a string" })
  .regex(JOB_ID_PATTERN, "jobSourceId must be a job id (24 hexadecimal characters)");

// Clients send `null` for "not given" (older huggingface_hub versions always did), so nulls are dropped first.
function withoutNulls(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
}

export const CreateWebhookBodySchema = z.preprocess(
  withoutNulls,
  z.object(
    {
      url: TargetUrlSchema.optional(),
      jobSourceId: JobSourceIdSchema.optional(),
      watched: WatchedListSchema.min(1, "watched must contain at least one item"),
      domains: DomainListSchema.optional(),
      secret: SecretSchema.optional(),
    },
    { error: "body must be a JSON object" },
  ),
);
export type CreateWebhookBody = z.output<typeof CreateWebhookBodySchema>;

export const UpdateWebhookBodySchema = z.preprocess(
  withoutNulls,
  z.object(
    {
      url: TargetUrlSchema.optional(),
      jobSourceId: JobSourceIdSchema.optional(),
      // huggingface_hub always sends `watched: []` when the caller did not ask to change it.
      watched: WatchedListSchema.optional().transform((items) => (items?.length ? items : undefined)),
      domains: DomainListSchema.optional(),
      secret: SecretSchema.optional(),
    },
    { error: "body must be a JSON object" },
  ),
);
export type UpdateWebhookBody = z.output<typeof UpdateWebhookBodySchema>;

export const WebhookResponseSchema = z.object({ webhook: WebhookInfoSchema });
export const WebhookListResponseSchema = z.array(WebhookInfoSchema);
