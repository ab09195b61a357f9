import { createHash, randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import { blobPath, discardParts } from "./lfs-blobs.js";

/** How long an upload URL handed out by the batch endpoint stays valid. */
export const UPLOAD_TTL_MS = 60 * 60 * 1000;

export interface LfsUpload {
  id: string;
  repoId: string;
  sha256: string;
  size: number;
  /** 0: one PUT of the whole object; else the size of each part (the last may be shorter). */
  chunkSize: number;
}

const idOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** Records an upload URL's grant; the token (in the URL) is returned once and only its hash is stored. */
export async function grantUpload(db: Kysely<Database>, upload: Omit<LfsUpload, "id">): Promise<string> {
  const token = randomBytes(32).toString("hex");
  await db
    .insertInto("sandbox_lfs_uploads")
    .values({
      id: idOf(token),
      repo_id: upload.repoId,
      sha256: upload.sha256,
      size: upload.size,
      chunk_size: upload.chunkSize,
      expires_at: Date.now() + UPLOAD_TTL_MS,
    })
    .execute();
  return token;
}

/** The grant behind an upload URL's token, unless it expired (or was used up). */
export async function findUpload(db: Kysely<Database>, token: string): Promise<LfsUpload | undefined> {
  if (!/^[0-9a-f]{64}$/.test(token)) return undefined;
  const row = await db
    .selectFrom("sandbox_lfs_uploads")
    .selectAll()
    .where("id", "=", idOf(token))
    .where("expires_at", ">", Date.now())
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    repoId: row.repo_id,
    sha256: row.sha256,
    size: Number(row.size),
    chunkSize: Number(row.chunk_size),
  };
}

/** The object is on disk and checked: the repo has it from now on, and the grant is used up. */
export async function finishUpload(db: Kysely<Database>, upload: LfsUpload): Promise<void> {
  await db
    .insertInto("sandbox_lfs_objects")
    .values({ repo_id: upload.repoId, sha256: upload.sha256, size: upload.size, created_at: Date.now() })
    .onConflict((oc) => oc.columns(["repo_id", "sha256"]).doNothing())
    .execute();
  await db.deleteFrom("sandbox_lfs_uploads").where("id", "=", upload.id).execute();
}

/** The LFS objects (sha256 → size) among `sha256s` that the repo has received. */
export async function repoObjects(
  db: Kysely<Database>,
  repoId: string,
  sha256s: string[],
): Promise<Map<string, number>> {
  if (sha256s.length === 0) return new Map();
  const rows = await db
    .selectFrom("sandbox_lfs_objects")
    .select(["sha256", "size"])
    .where("repo_id", "=", repoId)
    .where("sha256", "in", [...new Set(sha256s)])
    .execute();
  return new Map(rows.map((row) => [row.sha256, Number(row.size)]));
}

/** Forgets expired grants and the parts their unfinished multipart uploads left on disk. */
export async function pruneExpiredUploads(db: Kysely<Database>, root: string): Promise<void> {
  const expired = await db
    .deleteFrom("sandbox_lfs_uploads")
    .where("expires_at", "<=", Date.now())
    .returning(["id", "chunk_size"])
    .execute();
  for (const row of expired) if (Number(row.chunk_size) > 0) await discardParts(root, row.id);
}

/** The object ids a repo has received (to forget them from disk once the repo is gone). */
export async function allRepoObjects(db: Kysely<Database>, repoId: string): Promise<string[]> {
  const rows = await db.selectFrom("sandbox_lfs_objects").select("sha256").where("repo_id", "=", repoId).execute();
  return rows.map((row) => row.sha256);
}

/**
 * Removes from disk the objects among `sha256s` that no repo has any more. An upload of one of them racing this
 * may lose its bytes; its repo then just does not have the object (verify, commits and the batch see that).
 */
export async function dropUnusedBlobs(db: Kysely<Database>, root: string, sha256s: string[]): Promise<void> {
  if (sha256s.length === 0) return;
  const used = await db.selectFrom("sandbox_lfs_objects").select("sha256").where("sha256", "in", sha256s).execute();
  const keep = new Set(used.map((row) => row.sha256));
  for (const sha256 of sha256s) if (!keep.has(sha256)) await rm(blobPath(root, sha256), { force: true });
}
