import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import { isOverlayRef } from "./content-store.js";
import { MAIN_REF } from "./repo-store.js";
import type { TreeEntry } from "./tree-listing.js";

export interface LastCommit {
  id: string;
  title: string;
  date: string;
}

/**
 * The `lastCommit` of each entry, as `expand=true` answers it: a file's is the commit that last wrote it on the
 * ref, a folder's the newest of its files'. Entries written before commits were recorded have none.
 */
export async function lastCommitsOf(
  db: Kysely<Database>,
  repoId: string,
  ref: string,
  entries: TreeEntry[],
): Promise<Map<string, LastCommit>> {
  const wroteBy = new Map<string, string>();
  for (const layer of isOverlayRef(ref) ? [MAIN_REF, ref] : [ref]) {
    const rows = await db
      .selectFrom("sandbox_files")
      .select(["path", "commit_sha", "deleted"])
      .where("repo_id", "=", repoId)
      .where("ref", "=", layer)
      .execute();
    for (const row of rows) {
      if (row.deleted || !row.commit_sha) wroteBy.delete(row.path);
      else wroteBy.set(row.path, row.commit_sha);
    }
  }
  const shas = [...new Set(wroteBy.values())];
  const commits =
    shas.length === 0
      ? []
      : await db
          .selectFrom("sandbox_commits")
          .select(["sha", "title", "created_at"])
          .where("repo_id", "=", repoId)
          .where("sha", "in", shas)
          .execute();
  const bySha = new Map(commits.map((commit) => [commit.sha, commit]));
  const newestUnder = (folder: string) => {
    let newest: (typeof commits)[number] | undefined;
    for (const [path, sha] of wroteBy) {
      const commit = path.startsWith(`${folder}/`) ? bySha.get(sha) : undefined;
      if (commit && (!newest || Number(commit.created_at) > Number(newest.created_at))) newest = commit;
    }
    return newest;
  };
  const result = new Map<string, LastCommit>();
  for (const entry of entries) {
    const commit = entry.type === "file" ? bySha.get(wroteBy.get(entry.path) ?? "") : newestUnder(entry.path);
    if (commit) {
      result.set(entry.path, {
        id: commit.sha,
        title: commit.title,
        date: new Date(Number(commit.created_at)).toISOString(),
      });
    }
  }
  return result;
}

/** The entries with their `lastCommit` when one is known. */
export async function withLastCommits(
  db: Kysely<Database>,
  repoId: string,
  ref: string,
  entries: TreeEntry[],
): Promise<Array<TreeEntry & { lastCommit?: LastCommit }>> {
  const last = await lastCommitsOf(db, repoId, ref, entries);
  return entries.map((entry) => {
    const commit = last.get(entry.path);
    return commit ? { ...entry, lastCommit: commit } : entry;
  });
}
