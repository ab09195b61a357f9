import { errorResponses, json, ref } from "./helpers.js";

// The sandbox's repo-browsing and git-refs routes (issue 22), in the shapes huggingface_hub parses. Written out
// here: the routes answer the Hub's shapes, not zod schemas of ours. Repo ids are "namespace/name" (two path
// segments); canonical repos ("gpt2") drop the namespace.
const errors = errorResponses([
  ["400", "Invalid request"],
  ["401", "Missing or invalid access token"],
  ["404", "Unknown or private repo (X-Error-Code RepoNotFound), revision (RevisionNotFound) or folder (EntryNotFound)"],
]);
const string = { type: "string" };
const sha = { type: "string", pattern: "^[0-9a-f]{40}$" };
const path = (name: string, description: string) => ({ name, in: "path", required: true, schema: string, description });
const query = (name: string, schema: object, description: string) => ({ name, in: "query", schema, description });
const repo = [
  { name: "type", in: "path", required: true, schema: { type: "string", enum: ["models", "datasets", "spaces"] } },
  path("namespace", "The repo's user or org"),
  path("name", "The repo's name"),
];
const revision = path("revision", 'main, a branch or tag (short or full name), "refs/pr/N", or a ref\'s commit id');
const next = { Link: { description: 'The next page: <url with cursor or p>; rel="next"', schema: string } };
const ok = (description: string, schema: object, headers?: object) => ({
  "200": { description, content: json(schema), ...(headers && { headers }) },
  ...errors,
});
const done = ok("Done", { type: "object" });

export const sandboxSchemas = () => ({
  TreeEntry: {
    type: "object",
    required: ["type", "path", "oid", "size"],
    properties: {
      type: { enum: ["file", "directory"] },
      path: string,
      oid: { ...sha, description: "A file's git blob id; a folder's id (a digest of what it holds)" },
      size: { type: "integer", description: "0 for a folder" },
      lastCommit: {
        type: "object",
        description: "With expand",
        properties: { id: sha, title: string, date: { type: "string", format: "date-time" } },
      },
    },
  },
  GitRef: { type: "object", properties: { name: string, ref: string, targetCommit: sha } },
});

const base = "/api/{type}/{namespace}/{name}";

/** Tree, paths-info, refs, commits, branches and tags of sandbox repos. */
export const sandboxPaths = () => ({
  [`${base}/tree/{revision}/{path}`]: {
    parameters: [
      ...repo,
      revision,
      path("path", "A folder (optional: /tree/{revision} lists the root)"),
      query("recursive", { type: "boolean" }, "Everything beneath, folders included"),
      query("expand", { type: "boolean" }, "Add each entry's lastCommit"),
      query("limit", { type: "integer", minimum: 1, maximum: 1000 }, "Page size (1000)"),
      query("cursor", string, "From the Link header of the previous page"),
    ],
    get: {
      summary: "List a folder of a revision (list_repo_tree, list_repo_files, HfFileSystem)",
      responses: ok("Entries sorted by path", { type: "array", items: ref("TreeEntry") }, next),
    },
  },
  [`${base}/paths-info/{revision}`]: {
    parameters: [...repo, revision],
    post: {
      summary: "What each path is at a revision (get_paths_info); missing paths are left out",
      requestBody: {
        content: {
          ...json({
            type: "object",
            required: ["paths"],
            properties: { paths: { type: "array", items: string }, expand: { type: "boolean" } },
          }),
          "application/x-www-form-urlencoded": {
            schema: { type: "object", properties: { paths: { type: "array", items: string } } },
          },
        },
      },
      responses: ok("Entries in the order asked", { type: "array", items: ref("TreeEntry") }),
    },
  },
  [`${base}/refs`]: {
    parameters: [...repo, query("include_prs", { type: "integer", enum: [0, 1] }, "Add pullRequests")],
    get: {
      summary: "The repo's git refs (list_repo_refs)",
      responses: ok("Refs", {
        type: "object",
        properties: Object.fromEntries(
          ["branches", "converts", "tags", "pullRequests"].map((key) => [key, { type: "array", items: ref("GitRef") }]),
        ),
      }),
    },
  },
  [`${base}/commits/{revision}`]: {
    parameters: [...repo, revision, query("p", { type: "integer", minimum: 0 }, "Page (50 commits a page)")],
    get: {
      summary: "A revision's history, newest first (list_repo_commits)",
      responses: ok(
        "Commits",
        {
          type: "array",
          items: {
            type: "object",
            properties: {
              id: sha,
              title: string,
              message: string,
              authors: { type: "array", items: { type: "object", properties: { user: string, avatar: string } } },
              date: { type: "string", format: "date-time" },
            },
          },
        },
        next,
      ),
    },
  },
  [`${base}/branch/{branch}`]: {
    parameters: [...repo, path("branch", "The branch's short name")],
    post: {
      summary: "Create a branch at startingPoint (else main); fires repo.content (oldSha null). 409 if it exists",
      requestBody: { content: json({ type: "object", properties: { startingPoint: string } }) },
      responses: {
        ...done,
        ...errorResponses([
          ["409", "The branch exists"],
          ["413", "Past the repo size cap"],
        ]),
      },
    },
    delete: { summary: "Delete a branch (not main); fires repo.content (newSha null)", responses: done },
  },
  [`${base}/tag/{revision}`]: {
    parameters: [...repo, path("revision", "POST: the revision to tag; DELETE: the tag's name")],
    post: {
      summary: "Tag a revision; fires repo.content (oldSha null). 409 if the tag exists",
      requestBody: {
        content: json({ type: "object", required: ["tag"], properties: { tag: string, message: string } }),
      },
      responses: { ...done, ...errorResponses([["409", "The tag exists"]]) },
    },
    delete: { summary: "Delete a tag; fires repo.content (newSha null)", responses: done },
  },
  [`${base}/super-squash/{branch}`]: {
    parameters: [...repo, path("branch", "The branch whose history becomes one commit")],
    post: {
      summary: "Squash a branch's history into one commit (super_squash_history); fires repo.content",
      requestBody: { content: json({ type: "object", properties: { message: string } }) },
      responses: ok("The new commit", { type: "object", properties: { commitId: sha } }),
    },
  },
  [`${base}/auth-check`]: {
    parameters: repo,
    get: {
      summary: "Whether the caller may read the repo's files (auth_check): 404 RepoNotFound, 401/403 GatedRepo",
      responses: done,
    },
  },
  "/api/{type}": {
    parameters: [
      repo[0],
      query("author", string, "Only this user's or org's repos"),
      query("search", string, "A part of the repo id"),
      query("sort", { enum: ["lastModified", "createdAt", "id"] }, "lastModified (default), newest first"),
      query("direction", { enum: ["-1", "1"] }, "1 for ascending"),
      query("limit", { type: "integer", minimum: 1 }, "Page size (at most 1000)"),
      query("cursor", string, "From the Link header of the previous page"),
    ],
    get: {
      summary: "List the repos the caller may see (list_models, list_datasets, list_spaces)",
      responses: ok("Repo infos without siblings", { type: "array", items: { type: "object" } }, next),
    },
  },
  [`${base}/revision/{revision}`]: {
    parameters: [...repo, revision, query("blobs", { type: "boolean" }, "Each sibling's size and blobId")],
    get: {
      summary: "Repo info at a revision: its sha and siblings, cardData and tags from its README (model_info)",
      responses: ok("Repo info", { type: "object", properties: { id: string, sha, siblings: { type: "array" } } }),
    },
  },
});
