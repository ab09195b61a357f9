import { type Kysely, sql } from "kysely";
import { apiError } from "../core/errors.js";
import type { Database } from "../store/schema.js";
import { inTransaction } from "../store/transaction.js";
import { gitBlobOid, MAIN_REF, newCommitSha, type SandboxRepo } from "./repo-store.js";

/**
 * A file written (an LFS file's content is its pointer, with the object it points at) or a file or folder removed.
 */
export type FileChange =
  | { path: string; content: Buffer; lfs?: { sha256: string; size: number } }
  | { path: string; deleted: true; folder: boolean };

interface StoredFile {
  path: string;
  content: string;
  size: number;
  oid: string;
  deleted: number;
  commit_sha: string | null;
  /** An LFS file's object id (its content is then the pointer and its size the object's). */
  lfs_sha256: string | null;
}

/** What a listing needs of a stored file: never its content (a repo may hold many files of 1 MiB). */
export type FileEntry = Omit<StoredFile, "content" | "commit_sha">;

/** A ref's own rows, content included: only for moving a pull request's changes onto main. */
async function refFiles(db: Kysely<Database>, repoId: string, ref: string): Promise<StoredFile[]> {
  return db
    .selectFrom("sandbox_files")
    .select(["path", "content", "size", "oid", "deleted", "commit_sha", "lfs_sha256"])
    .where("repo_id", "=", repoId)
    .where("ref", "=", ref)
    .execute();
}

/**
 * A pull request's ref holds only what the PR changed (removals marked), laid over main; every other ref (main,
 * branches, tags) holds all of its files itself.
 */
export const isOverlayRef = (ref: string) => ref.startsWith("refs/pr/");
const layersOf = (ref: string) => (isOverlayRef(ref) ? [ref, MAIN_REF] : [ref]);

async function refEntries(db: Kysely<Database>, repoId: string, ref: string): Promise<FileEntry[]> {
  return db
    .selectFrom("sandbox_files")
    .select(["path", "size", "oid", "deleted", "lfs_sha256"])
    .where("repo_id", "=", repoId)
    .where("ref", "=", ref)
    .execute();
}

/** The files of a ref, without their contents: its own rows, or for a pull request its changes over main. */
export async function filesAt(db: Kysely<Database>, repoId: string, ref: string): Promise<Map<string, FileEntry>> {
  if (!isOverlayRef(ref)) return new Map((await refEntries(db, repoId, ref)).map((file) => [file.path, file]));
  const files = new Map((await refEntries(db, repoId, MAIN_REF)).map((file) => [file.path, file]));
  for (const change of await refEntries(db, repoId, ref)) {
    if (change.deleted) files.delete(change.path);
    else files.set(change.path, change);
  }
  return files;
}

/**
 * One file of a ref, read on its own: the pull request's row first (a removal mark hides main's file), then
 * main's. Its content only when asked (a HEAD needs the size and oid alone).
 */
export async function fileAt(
  db: Kysely<Database>,
  repoId: string,
  ref: string,
  path: string,
  options: { content: boolean },
): Promise<(FileEntry & { content?: string }) | undefined> {
  for (const layer of layersOf(ref)) {
    const row = await db
      .selectFrom("sandbox_files")
      .select(["path", "size", "oid", "deleted", "lfs_sha256"])
      .$if(options.content, (query) => query.select("content"))
      .where("repo_id", "=", repoId)
      .where("ref", "=", layer)
      .where("path", "=", path)
      .executeTakeFirst();
    if (row) return row.deleted ? undefined : row;
  }
  return undefined;
}

/**
 * The first `bytes` (a multiple of 3) of one file of a ref, cut in the database: a model card's front matter
 * without reading a README of 1 MiB whole. Undefined when the ref has no such file.
 */
export async function fileHeadAt(
  db: Kysely<Database>,
  repoId: string,
  ref: string,
  path: string,
  bytes: number,
): Promise<Buffer | undefined> {
  const base64Chars = Math.ceil(bytes / 3) * 4;
  for (const layer of layersOf(ref)) {
    const row = await db
      .selectFrom("sandbox_files")
      .select(["deleted", sql<string>`substr(content, 1, ${base64Chars})`.as("head")])
      .where("repo_id", "=", repoId)
      .where("ref", "=", layer)
      .where("path", "=", path)
      .executeTakeFirst();
    if (row) return row.deleted ? undefined : Buffer.from(row.head, "base64");
  }
  return undefined;
}

export async function listFiles(db: Kysely<Database>, repoId: string, ref: string): Promise<string[]> {
  return [...(await filesAt(db, repoId, ref)).keys()].sort();
}

export async function refSha(db: Kysely<Database>, repoId: string, ref: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("sandbox_refs")
    .select("sha")
    .where("repo_id", "=", repoId)
    .where("ref", "=", ref)
    .executeTakeFirst();
  return row?.sha;
}

/**
 * The bytes a repo stores: every ref's inline files (a pull request's rows too), and each LFS object its files
 * point at once, however many refs and paths share it (git keeps one copy too).
 */
export async function storedBytes(db: Kysely<Database>, repoId: string): Promise<number> {
  const inline = await db
    .selectFrom("sandbox_files")
    .select((eb) => eb.fn.sum<number | string | bigint | null>("size").as("total"))
    .where("repo_id", "=", repoId)
    .where("lfs_sha256", "is", null)
    .executeTakeFirst();
  const objects = await db
    .selectFrom((eb) =>
      eb
        .selectFrom("sandbox_files")
        .select(["lfs_sha256", "size"])
        .distinct()
        .where("repo_id", "=", repoId)
        .where("lfs_sha256", "is not", null)
        .as("objects"),
    )
    .select((eb) => eb.fn.sum<number | string | bigint | null>("objects.size").as("total"))
    .executeTakeFirst();
  return Number(inline?.total ?? 0) + Number(objects?.total ?? 0);
}

/** What a commit records besides its changes: shown by list_repo_commits and as tree entries' lastCommit. */
export interface CommitMeta {
  title: string;
  message: string;
  authorId: string;
  /** When given, the ref must still be at this commit (checked inside the transaction): else a 412. */
  parentCommit?: string;
}

/**
 * Writes a commit's changes on a ref, records the commit (its parent: the ref's previous commit) and moves the
 * ref (and the repo's head, for main) to it. Past `maxRepoBytes` (0: no cap) stored in the repo after the
 * changes, a 413 and nothing written.
 */
export async function commitChanges(
  db: Kysely<Database>,
  repo: SandboxRepo,
  ref: string,
  changes: FileChange[],
  meta: CommitMeta,
  maxRepoBytes = 0,
): Promise<{ oldSha: string | null; newSha: string }> {
  const newSha = newCommitSha();
  const now = Date.now();
  return inTransaction(db, async (trx) => {
    // Commits to one repo take turns (the repo row's lock): two at once cannot both pass the cap, and each reads
    // the ref its predecessor left (its parent, and what parentCommit is checked against).
    await lockRepo(trx, repo.id);
    const oldSha = (await refSha(trx, repo.id, ref)) ?? null;
    if (meta.parentCommit && meta.parentCommit !== oldSha) {
      throw apiError(412, `A commit has happened since ${meta.parentCommit} on ${ref}: refresh and try again`);
    }
    const overlay = isOverlayRef(ref);
    const present = overlay ? await filesAt(trx, repo.id, ref) : undefined;
    for (const change of changes) {
      if ("content" in change) {
        await upsertFile(trx, repo.id, ref, {
          path: change.path,
          content: change.content.toString("base64"),
          size: change.lfs?.size ?? change.content.length,
          oid: gitBlobOid(change.content),
          deleted: 0,
          commit_sha: newSha,
          lfs_sha256: change.lfs?.sha256 ?? null,
        });
        continue;
      }
      const under = change.folder ? `${change.path.replace(/\/$/, "")}/` : undefined;
      const matches = (path: string) => (under ? path.startsWith(under) : path === change.path);
      if (!overlay) {
        let query = trx.deleteFrom("sandbox_files").where("repo_id", "=", repo.id).where("ref", "=", ref);
        query = under ? query.where("path", "like", `${under}%`) : query.where("path", "=", change.path);
        await query.execute();
      } else {
        for (const path of [...(present?.keys() ?? [])].filter(matches)) {
          await upsertFile(trx, repo.id, ref, {
            path,
            content: "",
            size: 0,
            oid: "",
            deleted: 1,
            commit_sha: newSha,
            lfs_sha256: null,
          });
        }
      }
    }
    if (maxRepoBytes > 0) {
      const total = await storedBytes(trx, repo.id);
      if (total > maxRepoBytes) {
        throw apiError(
          413,
          `This commit would make ${repo.name} store ${total} bytes: the sandbox keeps at most ${maxRepoBytes} bytes per repo (every ref's files counted; see --max-repo-size)`,
        );
      }
    }
    await trx
      .insertInto("sandbox_commits")
      .values({
        repo_id: repo.id,
        sha: newSha,
        parent_sha: oldSha,
        title: meta.title,
        message: meta.message,
        author_id: meta.authorId,
        created_at: now,
      })
      .execute();
    await trx
      .insertInto("sandbox_refs")
      .values({ repo_id: repo.id, ref, sha: newSha })
      .onConflict((oc) => oc.columns(["repo_id", "ref"]).doUpdateSet({ sha: newSha }))
      .execute();
    await trx
      .updateTable("sandbox_repos")
      .set(ref === MAIN_REF ? { head_sha: newSha, updated_at: now } : { updated_at: now })
      .where("id", "=", repo.id)
      .execute();
    return { oldSha, newSha };
  });
}

/** Takes the repo row's lock until the transaction ends (PostgreSQL; SQLite transactions already take turns). */
export async function lockRepo(trx: Kysely<Database>, repoId: string): Promise<void> {
  await trx.updateTable("sandbox_repos").set({ updated_at: Date.now() }).where("id", "=", repoId).execute();
}

async function upsertFile(db: Kysely<Database>, repoId: string, ref: string, file: StoredFile): Promise<void> {
  await db
    .insertInto("sandbox_files")
    .values({ repo_id: repoId, ref, ...file })
    .onConflict((oc) =>
      oc.columns(["repo_id", "ref", "path"]).doUpdateSet({
        content: file.content,
        size: file.size,
        oid: file.oid,
        deleted: file.deleted,
        commit_sha: file.commit_sha,
        lfs_sha256: file.lfs_sha256,
      }),
    )
    .execute();
}

/** The changes a pull request's ref holds, to merge onto main. */
export async function pullRequestChanges(db: Kysely<Database>, repoId: string, ref: string): Promise<FileChange[]> {
  return (await refFiles(db, repoId, ref)).map((file) =>
    file.deleted
      ? { path: file.path, deleted: true, folder: false }
      : {
          path: file.path,
          content: Buffer.from(file.content, "base64"),
          ...(file.lfs_sha256 && { lfs: { sha256: file.lfs_sha256, size: Number(file.size) } }),
        },
  );
}
