import { type Kysely, sql } from "kysely";
import { apiError } from "../core/errors.js";
import type { Database } from "../store/schema.js";
import { isOverlayRef, lockRepo, storedBytes } from "./content-store.js";
import type { SandboxRepo } from "./repo-store.js";
import { type ResolvedRevision, resolveRevision } from "./revision.js";

const COLUMNS = ["repo_id", "ref", "path", "content", "size", "oid", "deleted", "commit_sha", "lfs_sha256"] as const;

/**
 * Creates ref `to` at a revision: its sha, and a copy of that revision's files made inside the database (no
 * content passes through the server). A pull request's revision is copied as main with its changes laid over.
 * The copy counts against the repo's size cap like any other ref's files: past it, a 413 and nothing written.
 */
export async function createRef(
  trx: Kysely<Database>,
  repo: SandboxRepo,
  revision: string,
  to: string,
  maxRepoBytes: number,
): Promise<ResolvedRevision> {
  const repoId = repo.id;
  // After the repo's lock, so no commit moves the starting point between reading its sha and copying its files.
  await lockRepo(trx, repoId);
  const from = await resolveRevision(trx, repo, revision);
  const copy = (layer: string, options: { liveOnly: boolean; unlessIn?: string }) =>
    trx
      .insertInto("sandbox_files")
      .columns([...COLUMNS])
      .expression((eb) =>
        eb
          .selectFrom("sandbox_files as f")
          .select([
            "f.repo_id",
            sql<string>`cast(${to} as text)`.as("ref"),
            "f.path",
            "f.content",
            "f.size",
            "f.oid",
            "f.deleted",
            "f.commit_sha",
            "f.lfs_sha256",
          ])
          .where("f.repo_id", "=", repoId)
          .where("f.ref", "=", layer)
          .$if(options.liveOnly, (query) => query.where("f.deleted", "=", 0))
          .$if(options.unlessIn !== undefined, (query) =>
            query.where("f.path", "not in", (sub) =>
              sub
                .selectFrom("sandbox_files as o")
                .select("o.path")
                .where("o.repo_id", "=", repoId)
                .where("o.ref", "=", options.unlessIn ?? ""),
            ),
          ),
      )
      .execute();
  await trx.insertInto("sandbox_refs").values({ repo_id: repoId, ref: to, sha: from.sha }).execute();
  if (isOverlayRef(from.ref)) {
    await copy(from.ref, { liveOnly: true });
    await copy("refs/heads/main", { liveOnly: true, unlessIn: from.ref });
  } else {
    await copy(from.ref, { liveOnly: true });
  }
  if (maxRepoBytes > 0) {
    const total = await storedBytes(trx, repoId);
    if (total > maxRepoBytes) {
      throw apiError(
        413,
        `${to} would make the repo store ${total} bytes: the sandbox keeps at most ${maxRepoBytes} bytes per repo (each branch and tag holds a copy of its files; see --max-repo-size)`,
      );
    }
  }
  return from;
}

/** Removes a ref and its files; the commit records stay (other refs may share them). */
export async function deleteRef(trx: Kysely<Database>, repoId: string, ref: string): Promise<void> {
  await trx.deleteFrom("sandbox_files").where("repo_id", "=", repoId).where("ref", "=", ref).execute();
  await trx.deleteFrom("sandbox_refs").where("repo_id", "=", repoId).where("ref", "=", ref).execute();
}

/**
 * Why git (and so the Hub) would refuse `name` as a branch or tag name, or undefined: no "..", no "refs/" prefix
 * (the sandbox names the full ref), no spaces, controls or `~^:?*[\`, no leading "-" or "/", no trailing "/" or ".lock".
 */
export function refNameProblem(name: string): string | undefined {
  if (name === "" || name.length > 200) return "a name of 1 to 200 characters is needed";
  if (name.startsWith("refs/")) return 'give the short name, without "refs/"';
  if (/[\s\p{Cc}~^:?*[\\]/u.test(name) || name.includes("..") || name.includes("@{") || name.includes("//"))
    return 'spaces, control characters, "..", "//", "@{" and any of ~^:?*[\\ are not allowed';
  if (/^[-/.]|[/.]$|\.lock$|\/\./.test(name))
    return 'it may not start with "-", "/" or ".", nor end with "/", "." or ".lock"';
  if (/^[0-9a-f]{40}$/.test(name)) return "a 40-hex name would read as a commit id";
  return undefined;
}
