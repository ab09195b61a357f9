import { z } from "zod";
import type { RouteDoc } from "../core/route-doc.js";
import {
  CommentBody,
  CreateRepoBody,
  DeleteRepoBody,
  EditCommentBody,
  MergeBody,
  MoveRepoBody,
  NewDiscussionBody,
  PreuploadBody,
  RepoSettingsBody,
  StatusBody,
  TitleBody,
  ValidateYamlBody,
} from "./bodies.js";
import { browseDocs, listReposDocs } from "./browse-docs.js";
import { lfsDocs } from "./lfs-docs.js";
import { REPO_PREFIXES, WEB_REPO_ROUTES } from "./repo-params.js";
import { spaceDocs } from "./space-docs.js";

// Answers are the Hub's shapes, as huggingface_hub reads them; only the keys clients rely on are listed.
const repoInfo = z.looseObject({
  _id: z.string(),
  id: z.string().describe("The repo's full name"),
  sha: z.string(),
  private: z.boolean(),
  siblings: z.array(z.object({ rfilename: z.string() })),
});
const event = z.looseObject({ id: z.string(), type: z.string(), createdAt: z.string(), data: z.unknown() });
const discussion = z.looseObject({
  id: z.string(),
  num: z.number().int(),
  title: z.string(),
  status: z.enum(["draft", "open", "closed", "merged"]),
  isPullRequest: z.boolean(),
  createdAt: z.string(),
  repo: z.object({ name: z.string(), type: z.string() }),
});
const empty = { description: "Done", schema: z.object({}) };
const missing = { 404: "Unknown repo or discussion (a private repo you cannot read answers the same)" };
const writer = { 403: "Not allowed to change this repo or discussion", ...missing };

/** The routes under one repo path shape (`/api/{types}/{namespace}/{name}` or the canonical `/api/{types}/{name}`). */
const perRepo = (prefix: string): RouteDoc[] => {
  const base = `/api${prefix}/discussions`;
  const change = (path: string, summary: string, body: z.ZodType, key: string): RouteDoc => ({
    method: "post",
    path: `${base}/:num${path}`,
    auth: "token",
    summary,
    body,
    ok: { description: "The new event", schema: z.object({ [key]: event }) },
    errors: writer,
  });
  return [
    {
      method: "get",
      path: `/api${prefix}`,
      auth: "optional",
      summary: "Repo info (ModelInfo, DatasetInfo, SpaceInfo)",
      ok: { description: "The repo", schema: repoInfo },
      errors: missing,
    },
    {
      method: "get",
      path: `/api${prefix}/revision/:revision`,
      auth: "optional",
      summary: "Repo info at a revision (the sandbox answers main's)",
      ok: { description: "The repo", schema: repoInfo },
      errors: missing,
    },
    {
      method: "put",
      path: `/api${prefix}/settings`,
      auth: "token",
      summary: "Change a repo's visibility or gating (fires repo.config)",
      body: RepoSettingsBody,
      ok: { description: "The repo's visibility", schema: z.object({ private: z.boolean() }) },
      errors: writer,
    },
    {
      method: "post",
      path: `/api${prefix}/preupload/:revision`,
      auth: "token",
      summary: "Upload modes of the files of a coming commit: lfs past 1 MiB and for .gitattributes' LFS patterns",
      body: PreuploadBody,
      ok: {
        description: "Upload modes",
        schema: z.object({
          files: z.array(z.looseObject({ path: z.string(), uploadMode: z.enum(["regular", "lfs"]) })),
          commitOid: z.string(),
        }),
      },
      errors: missing,
    },
    {
      method: "post",
      path: `/api${prefix}/commit/:revision`,
      auth: "token",
      summary: "Commit (NDJSON lines: header, file, lfsFile, deletedFile, deletedFolder), fires repo.content",
      query: { create_pr: { schema: z.enum(["1"]), description: "Open a pull request with the commit" } },
      body: { contentType: "application/x-ndjson", description: 'One {"key", "value"} JSON object per line' },
      ok: {
        description: "The commit",
        schema: z.looseObject({ success: z.boolean(), commitOid: z.string(), commitUrl: z.string() }),
      },
      errors: {
        ...writer,
        412: "parentCommit is not the branch's head",
        413: "An inline file over 1 MiB, or past the repo's size cap",
        422: "A refused path, or an lfsFile whose object this repo did not receive",
      },
    },
    {
      method: "get",
      path: base,
      auth: "optional",
      summary: "A repo's discussions and pull requests, 50 a page",
      query: {
        type: { schema: z.enum(["all", "discussion", "pull_request"]) },
        status: { schema: z.enum(["all", "open", "closed"]) },
        author: { schema: z.string() },
        p: { schema: z.number().int().min(0), description: "Page, from 0" },
      },
      ok: {
        description: "A page",
        schema: z.object({
          discussions: z.array(discussion),
          count: z.number().int(),
          start: z.number().int(),
          numClosedDiscussions: z.number().int(),
        }),
      },
      errors: missing,
    },
    {
      method: "post",
      path: base,
      auth: "token",
      summary: "Open a discussion or a pull request (fires discussion create)",
      body: NewDiscussionBody,
      ok: {
        description: "The discussion",
        schema: z.object({ id: z.string(), num: z.number().int(), pullRequest: z.boolean(), url: z.string() }),
      },
      errors: missing,
    },
    {
      method: "get",
      path: `${base}/:num`,
      auth: "optional",
      summary: "A discussion with its events",
      ok: { description: "The discussion", schema: discussion.extend({ events: z.array(event) }) },
      errors: missing,
    },
    change("/comment", "Comment (fires discussion.comment create)", CommentBody, "newMessage"),
    change("/title", "Rename (fires discussion update)", TitleBody, "newTitle"),
    change("/status", "Close or reopen, with an optional comment", StatusBody, "newStatus"),
    {
      method: "post",
      path: `${base}/:num/merge`,
      auth: "token",
      summary: "Merge a pull request into main (fires discussion update and repo.content)",
      body: MergeBody,
      ok: { description: "The merge commit", schema: z.object({ mergeCommitId: z.string() }) },
      errors: writer,
    },
    change("/comment/:commentId/edit", "Edit your comment", EditCommentBody, "updatedComment"),
    {
      method: "post",
      path: `${base}/:num/comment/:commentId/hide`,
      auth: "token",
      summary: "Hide a comment",
      ok: { description: "The comment", schema: z.object({ updatedComment: event }) },
      errors: writer,
    },
  ];
};

/** File downloads as hf_hub_download makes them: `/{repo}/resolve/{revision}/{path}` (sandbox/resolve-routes.ts). */
const resolve = WEB_REPO_ROUTES.flatMap(([repoPath]) =>
  (["get", "head"] as const).map(
    (method): RouteDoc => ({
      method,
      path: `${repoPath}/resolve/:revision/:path{.+}`,
      auth: "optional",
      summary: method === "get" ? "Download a file" : "A file's size, ETag and X-Repo-Commit, without its content",
      params: { path: { description: "The file's path in the repo (may contain /)" } },
      ok: { description: "The file", contentType: "application/octet-stream", schema: z.string() },
      errors: { 404: "Unknown repo, revision or file" },
    }),
  ),
);

/** The Hub sandbox (sandbox/*-routes.ts): repos, files and discussions, each change firing its webhook. */
export const sandboxDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/api/whoami-v2",
    auth: "token",
    summary: "The token's user and organizations",
    ok: {
      description: "The user",
      schema: z.looseObject({ type: z.literal("user"), id: z.string(), name: z.string() }),
    },
  },
  {
    method: "post",
    path: "/api/repos/create",
    auth: "token",
    summary: "Create a repo (fires repo create)",
    body: CreateRepoBody,
    ok: { description: "The repo", schema: z.object({ url: z.string(), name: z.string(), id: z.string() }) },
    errors: { 403: "Not allowed in that namespace", 409: "The repo exists" },
  },
  {
    method: "delete",
    path: "/api/repos/delete",
    auth: "token",
    summary: "Delete a repo (fires repo delete)",
    body: DeleteRepoBody,
    ok: empty,
    errors: writer,
  },
  {
    method: "post",
    path: "/api/repos/move",
    auth: "token",
    summary: "Rename or move a repo (fires repo move)",
    body: MoveRepoBody,
    ok: empty,
    errors: { ...writer, 409: "A repo of that name exists" },
  },
  {
    method: "post",
    path: "/api/validate-yaml",
    auth: "optional",
    summary: "Check a model card's YAML metadata",
    body: ValidateYamlBody,
    ok: {
      description: "No problem found",
      schema: z.object({ errors: z.array(z.unknown()), warnings: z.array(z.unknown()) }),
    },
  },
  ...REPO_PREFIXES.flatMap(perRepo),
  ...REPO_PREFIXES.flatMap(browseDocs),
  ...listReposDocs,
  ...lfsDocs,
  ...spaceDocs,
  ...resolve,
];
