import { REPO_TYPES } from "@hubhooks/schemas";
import { z } from "zod";

// The request bodies of the sandbox's routes, here so the routes and /openapi.json (sandbox/api-docs.ts) share them.

const RepoTypeField = z
  .enum(REPO_TYPES)
  .nullish()
  .transform((type) => type ?? "model");
const Visibility = z.enum(["public", "private", "protected"]).nullish();
const Text = (what: string, max: number) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} is longer than ${max} characters`);

export const CreateRepoBody = z.object({
  name: z.string({ error: "name is required" }),
  organization: z.string().nullish(),
  type: RepoTypeField,
  private: z.boolean().nullish(),
  visibility: Visibility,
  /** A Space's sdk (create_repo's space_sdk): gradio, docker, static… */
  sdk: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, "sdk must be a name such as gradio, docker or static")
    .nullish(),
  /** hubhooks: a canonical repo (`gpt2`, no namespace), as the Hub still has; publisher accounts only. */
  canonical: z.boolean().optional(),
});
export const DeleteRepoBody = z.object({ name: z.string(), organization: z.string().nullish(), type: RepoTypeField });
export const MoveRepoBody = z.object({ fromRepo: z.string(), toRepo: z.string(), type: RepoTypeField });
export const RepoSettingsBody = z.object({
  private: z.boolean().nullish(),
  visibility: Visibility,
  gated: z.union([z.literal(false), z.enum(["auto", "manual"])]).nullish(),
});

export const PreuploadBody = z.object({
  files: z
    .array(z.object({ path: z.string(), size: z.number().int().nonnegative(), sample: z.string().optional() }))
    .max(1000),
});
export const ValidateYamlBody = z.object({ content: z.string(), repoType: z.string().optional() });

export const NewDiscussionBody = z.object({
  title: Text("title", 200),
  description: z.string().max(65_536).optional(),
  pullRequest: z.boolean().optional(),
});
export const CommentBody = z.object({ comment: Text("comment", 65_536) });
export const TitleBody = z.object({ title: Text("title", 200) });
export const StatusBody = z.object({
  status: z.enum(["open", "closed"], { error: 'status must be "open" or "closed"' }),
  comment: z.string().max(65_536).optional(),
});
export const MergeBody = z.object({ comment: z.string().max(65_536).optional() }).nullable();
export const EditCommentBody = z.object({ content: Text("content", 65_536) });
