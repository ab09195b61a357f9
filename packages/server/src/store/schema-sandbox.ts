import type { ColumnType } from "kysely";

// The Hub sandbox's tables: repos, their files, commits and refs, discussions, and the loop guard's counts.

export interface SandboxReposTable {
  id: string;
  type: string;
  /** Full name: "namespace/name", or "name" for a canonical repo. */
  name: string;
  private: number;
  head_sha: string;
  created_by: string;
  next_discussion_num: number;
  created_at: number;
  updated_at: number;
  /** "auto" | "manual" when gated, else null. */
  gated: ColumnType<string | null, string | null | undefined, string | null>;
  /** A Space's sdk as created (gradio, docker, static…). */
  sdk: ColumnType<string | null, string | null | undefined, string | null>;
  /** A Space's runtime settings, JSON {requested, sleepTime, paused}; null: the defaults. */
  space_runtime: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A Space's secrets (key and description only: no value is kept) and variables. */
export interface SandboxSpaceSettingsTable {
  repo_id: string;
  /** "secret" | "variable" */
  kind: string;
  key: string;
  value: string | null;
  description: string | null;
  updated_at: number;
}

export interface SandboxFilesTable {
  repo_id: string;
  ref: string;
  path: string;
  /** base64 */
  content: string;
  size: number;
  /** git blob sha1 */
  oid: string;
  deleted: number;
  /** The commit that last wrote the file on its ref; null for rows from before commits were recorded. */
  commit_sha: ColumnType<string | null, string | null | undefined, string | null>;
  /** An LFS file: its object id (sha256); content is then its pointer and size the object's. Null: a git blob. */
  lfs_sha256: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The LFS objects a repo received (uploaded and checked); the bytes are on disk, once per sha256. */
export interface SandboxLfsObjectsTable {
  repo_id: string;
  sha256: string;
  size: number;
  created_at: number;
}

/** An upload URL handed out by the LFS batch endpoint; id is the sha256 of the URL's token. */
export interface SandboxLfsUploadsTable {
  id: string;
  repo_id: string;
  sha256: string;
  size: number;
  /** 0: one PUT (basic transfer); else the part size of a multipart upload. */
  chunk_size: number;
  expires_at: number;
}

export interface SandboxRepoMovesTable {
  repo_id: string;
  type: string;
  old_name: string;
  moved_at: number;
}

export interface SandboxCommitsTable {
  repo_id: string;
  sha: string;
  parent_sha: string | null;
  title: string;
  message: string;
  author_id: string | null;
  created_at: number;
}

export interface SandboxRefsTable {
  repo_id: string;
  ref: string;
  sha: string;
}

export interface SandboxDiscussionsTable {
  id: string;
  repo_id: string;
  num: number;
  title: string;
  is_pull_request: number;
  /** draft | open | closed | merged */
  status: string;
  author_id: string;
  merge_commit_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface SandboxDiscussionEventsTable {
  id: string;
  discussion_id: string;
  /** comment | status-change | title-change | commit */
  type: string;
  author_id: string;
  /** JSON, the shape of the type */
  data: string;
  created_at: number;
  updated_at: number;
}

export interface SandboxChangesTable {
  id: string;
  webhook_id: string;
  actor_id: string;
  created_at: number;
}

export interface SandboxLoopTripsTable {
  id: string;
  webhook_id: string;
  actor_id: string;
  changes: number;
  created_at: number;
}
