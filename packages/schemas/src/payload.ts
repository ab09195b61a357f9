import { z } from "zod";

/** Actions the Hub sends today. Payload parsing accepts any string so a new action does not break receivers. */
export const KNOWN_ACTIONS = ["create", "delete", "move", "update"] as const;
export type KnownAction = (typeof KNOWN_ACTIONS)[number];
export const KNOWN_SCOPES = ["repo", "repo.content", "repo.config", "discussion", "discussion.comment"] as const;
export type KnownScope = (typeof KNOWN_SCOPES)[number];
export const DISCUSSION_STATUSES = ["draft", "open", "closed", "merged"] as const;

const ObjectIdSchema = z.looseObject({ id: z.string() });

export const PayloadUrlSchema = z.looseObject({ web: z.string(), api: z.string().optional() });

export const PayloadEventSchema = z.looseObject({ action: z.string(), scope: z.string() });

// The Python model names the field `head_sha` while the Hub sends `headSha`; accept both, expose `headSha`.
function normaliseHeadSha(value: unknown): unknown {
  if (value === null || typeof value !== "object" || !("head_sha" in value)) return value;
  const { head_sha, ...rest } = value as Record<string, unknown>;
  return "headSha" in rest ? rest : { ...rest, headSha: head_sha };
}

export const PayloadRepoSchema = z.preprocess(
  normaliseHeadSha,
  z.looseObject({
    type: z.string(),
    name: z.string(),
    id: z.string(),
    private: z.boolean(),
    url: PayloadUrlSchema,
    owner: ObjectIdSchema,
    headSha: z.string().nullable().optional(),
    subdomain: z.string().nullable().optional(),
    tags: z.array(z.string()).nullable().optional(),
  }),
);

export const PayloadDiscussionSchema = z.looseObject({
  id: z.string(),
  num: z.number().int(),
  title: z.string(),
  url: PayloadUrlSchema,
  status: z.string(),
  author: ObjectIdSchema,
  isPullRequest: z.boolean(),
  changes: z.looseObject({ base: z.string(), mergeCommitId: z.string().nullable().optional() }).nullable().optional(),
  pinned: z.boolean().nullable().optional(),
});

export const PayloadCommentSchema = z.looseObject({
  id: z.string(),
  author: ObjectIdSchema,
  hidden: z.boolean(),
  // Absent when the comment is hidden.
  content: z.string().nullable().optional(),
  url: PayloadUrlSchema,
});

export const PayloadWebhookSchema = z.looseObject({ id: z.string(), version: z.number() });

export const UpdatedRefSchema = z.looseObject({
  ref: z.string(),
  oldSha: z.string().nullable().optional(),
  newSha: z.string().nullable().optional(),
});

export const MovedToSchema = z.looseObject({ name: z.string(), owner: ObjectIdSchema });

/** Delivery payload, version 3: lenient (unknown keys kept, open strings) so Hub additions never break a receiver. */
export const WebhookPayloadSchema = z.looseObject({
  event: PayloadEventSchema,
  repo: PayloadRepoSchema,
  discussion: PayloadDiscussionSchema.nullable().optional(),
  comment: PayloadCommentSchema.nullable().optional(),
  webhook: PayloadWebhookSchema,
  updatedRefs: z.array(UpdatedRefSchema).nullable().optional(),
  updatedConfig: z.record(z.string(), z.unknown()).nullable().optional(),
  movedTo: MovedToSchema.nullable().optional(),
});

export type WebhookPayload = z.output<typeof WebhookPayloadSchema>;
export type WebhookPayloadEvent = z.output<typeof PayloadEventSchema>;
export type WebhookPayloadRepo = z.output<typeof PayloadRepoSchema>;
export type WebhookPayloadDiscussion = z.output<typeof PayloadDiscussionSchema>;
export type WebhookPayloadComment = z.output<typeof PayloadCommentSchema>;
export type WebhookPayloadWebhook = z.output<typeof PayloadWebhookSchema>;
export type WebhookPayloadUpdatedRef = z.output<typeof UpdatedRefSchema>;
export type WebhookPayloadMovedTo = z.output<typeof MovedToSchema>;
export type WebhookPayloadUrl = z.output<typeof PayloadUrlSchema>;
