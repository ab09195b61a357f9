import { z } from "zod";
import { tooDeepAt } from "./json-limits.js";
import { KNOWN_ACTIONS } from "./payload.js";
import { isValidRepoName, REPO_TYPES } from "./watched.js";

// A repo's config is small and shallow on the Hub; bounding it keeps every stored payload small and safe to
// serialise.
const UPDATED_CONFIG_MAX_DEPTH = 16;
const UPDATED_CONFIG_MAX_CHARS = 16 * 1024;

const Sha = z.string().regex(/^[0-9a-f]{40}$/, "must be a 40-character lowercase hex SHA");
const ObjectIdString = z.string().regex(/^[0-9a-f]{24}$/, "must be a 24-character lowercase hex id");
const Owner = z.object({ id: ObjectIdString });

/**
 * What a publisher tells the service happened, as posted to /api/events. The service fills everything the Hub
 * would (ids, URLs, owner) and builds the v3 payload from it.
 */
export const EventInputSchema = z
  .object(
    {
      /**
       * hubhooks: the publisher's own id for the event. Another event with the same id from the same publisher
       * within 24 h is not recorded again: it is answered with the first one's result (a retry is a no-op).
       */
      id: z
        .string()
        .regex(/^[\x21-\x7e]{1,255}$/, "id must be 1 to 255 visible ASCII characters")
        .optional(),
      event: z.object({
        action: z.enum(KNOWN_ACTIONS, { error: `event.action must be one of ${KNOWN_ACTIONS.join(", ")}` }),
        scope: z
          .string()
          .regex(/^(repo|discussion)(\.[a-z][a-z0-9_]*)*$/, 'event.scope must start with "repo" or "discussion"'),
      }),
      repo: z.object({
        type: z.enum(REPO_TYPES, { error: `repo.type must be one of ${REPO_TYPES.join(", ")}` }),
        name: z.string().refine(isValidRepoName, 'repo.name must be "name" or "namespace/name"'),
        private: z.boolean().default(false),
        id: ObjectIdString.optional(),
        owner: Owner.optional(),
        headSha: Sha.optional(),
        subdomain: z.string().optional(),
        tags: z.array(z.string()).optional(),
      }),
      discussion: z
        .object({
          num: z.number().int().positive(),
          title: z.string().min(1).max(500),
          isPullRequest: z.boolean().default(false),
          status: z.enum(["draft", "open", "closed", "merged"]).default("open"),
          id: ObjectIdString.optional(),
          author: Owner.optional(),
          changes: z.object({ base: z.string(), mergeCommitId: Sha.optional() }).optional(),
          pinned: z.boolean().optional(),
        })
        .optional(),
      comment: z
        .object({
          content: z.string().max(65_536).optional(),
          hidden: z.boolean().default(false),
          id: ObjectIdString.optional(),
          author: Owner.optional(),
        })
        .optional(),
      updatedRefs: z
        .array(z.object({ ref: z.string().startsWith("refs/"), oldSha: Sha.nullable(), newSha: Sha.nullable() }))
        .optional(),
      updatedConfig: z
        .record(z.string(), z.unknown())
        .superRefine((config, ctx) => {
          const deepAt = tooDeepAt(config, UPDATED_CONFIG_MAX_DEPTH);
          if (deepAt) {
            ctx.addIssue({
              code: "custom",
              message: `nested deeper than ${UPDATED_CONFIG_MAX_DEPTH} levels at ${deepAt}`,
            });
          } else if (JSON.stringify(config).length > UPDATED_CONFIG_MAX_CHARS) {
            ctx.addIssue({ code: "custom", message: `longer than ${UPDATED_CONFIG_MAX_CHARS} characters as JSON` });
          }
        })
        .optional(),
      movedTo: z
        .object({
          name: z.string().refine(isValidRepoName, 'movedTo.name must be "name" or "namespace/name"'),
          owner: Owner.optional(),
        })
        .optional(),
    },
    { error: "an event must be a JSON object" },
  )
  .superRefine((input, ctx) => {
    const isDiscussionScope = input.event.scope.startsWith("discussion");
    if (isDiscussionScope && !input.discussion) {
      ctx.addIssue({
        code: "custom",
        path: ["discussion"],
        message: `a ${input.event.scope} event needs a discussion`,
      });
    }
    if (input.event.scope.startsWith("discussion.comment") && !input.comment) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: `a ${input.event.scope} event needs a comment` });
    }
  });

export type EventInput = z.output<typeof EventInputSchema>;
export type EventInputBody = z.input<typeof EventInputSchema>;

export const EventArraySchema = z
  .array(EventInputSchema, { error: "a batch must be an array of events" })
  .min(1, "a batch must hold at least one event")
  .max(1000, "a batch holds at most 1000 events");
