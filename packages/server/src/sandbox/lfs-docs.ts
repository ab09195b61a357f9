import { z } from "zod";
import type { RouteDoc } from "../core/route-doc.js";
import { BatchBody, LFS_ROUTES, LfsObject } from "./lfs-batch-route.js";
import { Completion } from "./lfs-upload-routes.js";
import { REPO_PREFIXES } from "./repo-params.js";
import { NO_XET } from "./xet-token-route.js";

// Large files (Git LFS, basic and multipart transfer) and the Xet token routes that say the sandbox has no Xet.
const action = z.object({ href: z.string(), header: z.record(z.string(), z.string()).optional() });
const batchAnswer = z.object({
  transfer: z.enum(["basic", "multipart"]),
  hash_algo: z.literal("sha256"),
  objects: z.array(
    z.object({
      oid: z.string(),
      size: z.number().int(),
      authenticated: z.boolean(),
      actions: z.object({ upload: action, verify: action }).optional(),
    }),
  ),
});
const missing = { 404: "Unknown repo (a private repo you cannot read answers the same)" };
const upload = "Unknown, expired or used-up upload URL";

export const lfsDocs: RouteDoc[] = [
  ...LFS_ROUTES.flatMap(([path]): RouteDoc[] => [
    {
      method: "post",
      path: `${path}/batch`,
      auth: "token",
      summary: "Git LFS batch API: upload URLs for the objects the repo does not have yet (huggingface_hub lfs.py)",
      description:
        "An object over 8 MiB gets a multipart upload (`header.chunk_size` and numbered part URLs); an object the repo already has gets no actions. Objects of other repos are uploaded again: nobody reads one by naming its sha256.",
      body: BatchBody,
      ok: { description: "One entry per object", schema: batchAnswer, contentType: "application/vnd.git-lfs+json" },
      errors: { ...missing, 413: "The uploads would pass the repo's size cap", 422: "A download batch" },
    },
    {
      method: "post",
      path: `${path}/verify`,
      auth: "token",
      summary: "Check that an uploaded object arrived whole (the verify action of a batch)",
      body: LfsObject,
      ok: { description: "The repo has it", schema: z.object({}), contentType: "application/vnd.git-lfs+json" },
      errors: { 404: "Unknown repo, or no such object of that size in it" },
    },
  ]),
  {
    method: "put",
    path: "/api/lfs-uploads/:token",
    auth: "none",
    summary: "Upload a whole LFS object (basic transfer); the token in the URL is the credential",
    body: { contentType: "application/octet-stream", description: "The object's bytes, its announced sha256 and size" },
    ok: { description: "Kept" },
    errors: { 400: "Not the announced bytes, or a multipart upload", 404: upload },
  },
  {
    method: "put",
    path: "/api/lfs-uploads/:token/:part{[0-9]+}",
    auth: "none",
    summary: "Upload one part of a multipart LFS upload; the answer's ETag is the part's sha256",
    body: { contentType: "application/octet-stream", description: "The part's bytes (chunk_size, the last shorter)" },
    ok: { description: "Kept until the completion" },
    errors: { 400: "Not a part of this upload, or not its size", 404: upload },
  },
  {
    method: "post",
    path: "/api/lfs-uploads/:token",
    auth: "none",
    summary: "Complete a multipart LFS upload: the parts are joined and checked against the announced sha256",
    body: Completion,
    ok: { description: "Kept", schema: z.object({}) },
    errors: { 400: "A part is missing, an ETag or the whole object does not match", 404: upload },
  },
  ...REPO_PREFIXES.map(
    (prefix): RouteDoc => ({
      method: "get",
      path: `/api${prefix}/:kind{xet-write-token|xet-read-token}/:revision`,
      auth: "optional",
      summary: "Xet storage tokens: not served (501)",
      ok: { description: "Never" },
      errors: { 501: NO_XET },
    }),
  ),
];
