import { z } from "zod";
import type { RouteDoc } from "../core/route-doc.js";

// What a bot reads after an event: the tree, paths-info, refs, commits, branches and tags (the Hub's shapes).
const sha = z.string().regex(/^[0-9a-f]{40}$/);
const treeEntry = z.looseObject({
  type: z.enum(["file", "directory"]),
  path: z.string(),
  oid: z.string(),
  size: z.number().int(),
  lastCommit: z.object({ id: sha, title: z.string(), date: z.string() }).optional(),
});
const gitRef = z.object({ name: z.string(), ref: z.string(), targetCommit: sha });
const commit = z.looseObject({
  id: sha,
  title: z.string(),
  message: z.string(),
  authors: z.array(z.object({ user: z.string(), avatar: z.string().optional() })),
  date: z.string(),
});
const next = 'The next page, if any, is in the `Link: <…>; rel="next"` header';
const missing = { 404: "Unknown repo or revision (RepoNotFound, RevisionNotFound); a private repo answers the same" };
const writer = { 403: "Not allowed to change this repo", ...missing };
const done = { description: "Done", schema: z.object({}) };
const revision = { revision: { description: "A branch or tag (short or full name), refs/pr/N, or a commit id" } };

/** The browsing and ref routes under one repo path shape (sandbox/browse-routes.ts). */
export const browseDocs = (prefix: string): RouteDoc[] => [
  ...["", "/:path{.+}"].map(
    (tail): RouteDoc => ({
      method: "get",
      path: `/api${prefix}/tree/:revision${tail}`,
      params: { ...revision, ...(tail && { path: { description: "A folder (without it: the root)" } }) },
      auth: "optional",
      summary: "List a folder of a revision (list_repo_tree, list_repo_files, HfFileSystem)",
      query: {
        recursive: { schema: z.enum(["true", "false", "1", "0"]), description: "Everything beneath, folders too" },
        expand: { schema: z.enum(["true", "false", "1", "0"]), description: "Add each entry's lastCommit" },
        limit: { schema: z.number().int().min(1).max(1000), description: "Page size (1000)" },
        cursor: { schema: z.string(), description: "From the Link header of the previous page" },
      },
      ok: { description: `Entries sorted by path. ${next}`, schema: z.array(treeEntry) },
      errors: missing,
    }),
  ),
  {
    method: "post",
    path: `/api${prefix}/paths-info/:revision`,
    params: revision,
    auth: "optional",
    summary: "What each path is at a revision (get_paths_info); missing paths are left out",
    body: { contentType: "application/x-www-form-urlencoded", description: "paths (repeated) and expand, or JSON" },
    ok: { description: "Entries in the order asked", schema: z.array(treeEntry) },
    errors: missing,
  },
  {
    method: "get",
    path: `/api${prefix}/refs`,
    auth: "optional",
    summary: "The repo's git refs (list_repo_refs)",
    query: { include_prs: { schema: z.enum(["0", "1"]), description: "Add pullRequests" } },
    ok: {
      description: "Refs",
      schema: z.object({
        branches: z.array(gitRef),
        converts: z.array(gitRef),
        tags: z.array(gitRef),
        pullRequests: z.array(gitRef).optional(),
      }),
    },
    errors: missing,
  },
  {
    method: "get",
    path: `/api${prefix}/commits/:revision`,
    params: revision,
    auth: "optional",
    summary: "A revision's history, newest first (list_repo_commits)",
    query: { p: { schema: z.number().int().min(0), description: "Page (50 commits a page)" } },
    ok: { description: `Commits. ${next}`, schema: z.array(commit) },
    errors: missing,
  },
  {
    method: "post",
    path: `/api${prefix}/branch/:branch`,
    auth: "token",
    summary: "Create a branch at startingPoint (else main); fires repo.content (oldSha null)",
    body: z.object({ startingPoint: z.string().optional() }),
    ok: done,
    errors: { ...writer, 409: "The branch exists", 413: "Past the repo size cap" },
  },
  {
    method: "delete",
    path: `/api${prefix}/branch/:branch`,
    auth: "token",
    summary: "Delete a branch (not main); fires repo.content (newSha null)",
    ok: done,
    errors: writer,
  },
  {
    method: "post",
    path: `/api${prefix}/tag/:revision`,
    params: revision,
    auth: "token",
    summary: "Tag a revision; fires repo.content (oldSha null)",
    body: z.object({ tag: z.string(), message: z.string().optional() }),
    ok: done,
    errors: { ...writer, 409: "The tag exists" },
  },
  {
    method: "delete",
    path: `/api${prefix}/tag/:tag`,
    auth: "token",
    summary: "Delete a tag; fires repo.content (newSha null)",
    ok: done,
    errors: writer,
  },
  {
    method: "post",
    path: `/api${prefix}/super-squash/:branch`,
    auth: "token",
    summary: "Squash a branch's history into one commit (super_squash_history); fires repo.content",
    body: z.object({ message: z.string().optional() }),
    ok: { description: "The new commit", schema: z.object({ commitId: sha }) },
    errors: writer,
  },
  {
    method: "get",
    path: `/api${prefix}/auth-check`,
    auth: "optional",
    summary: "Whether the caller may read the repo's files (auth_check): 401/403 GatedRepo",
    ok: done,
    errors: { ...missing, 401: "Gated: sign in", 403: "Gated: not granted" },
  },
];

/** `GET /api/models|datasets|spaces`: the repos the caller may see (list_models, list_datasets, list_spaces). */
export const listReposDocs: RouteDoc[] = (["models", "datasets", "spaces"] as const).map((type) => ({
  method: "get",
  path: `/api/${type}`,
  auth: "optional",
  summary: `List the ${type} the caller may see (list_${type})`,
  query: {
    author: { schema: z.string(), description: "Only this user's or org's repos" },
    search: { schema: z.string(), description: "A part of the repo id" },
    sort: { schema: z.enum(["lastModified", "createdAt", "id"]), description: "lastModified (default)" },
    direction: { schema: z.enum(["-1", "1"]), description: "1 for ascending" },
    limit: { schema: z.number().int().min(1).max(1000) },
    cursor: { schema: z.string(), description: "From the Link header of the previous page" },
  },
  ok: { description: `Repo infos without siblings. ${next}`, schema: z.array(z.looseObject({ id: z.string() })) },
}));
