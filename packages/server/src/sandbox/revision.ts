import type { Kysely } from "kysely";
import { HubCodedError } from "../core/errors.js";
import type { Database } from "../store/schema.js";
import { refSha } from "./content-store.js";
import { MAIN_REF, type SandboxRepo } from "./repo-store.js";

/** A revision read: the ref whose files it shows and the commit id it stands at. */
export interface ResolvedRevision {
  ref: string;
  sha: string;
}

export function revisionNotFound(repo: SandboxRepo, revision: string): HubCodedError {
  return new HubCodedError(404, `Invalid rev id: ${revision} (revision not found in ${repo.name})`, "RevisionNotFound");
}

/**
 * A revision as clients name it (already URL-decoded): "main" / "refs/heads/main", a pull request's "refs/pr/N",
 * or a commit id that is the current head of one of those. The sandbox keeps no older trees, so an older commit
 * id is as unknown as a branch it does not have: 404 RevisionNotFound, as the Hub answers an unknown revision.
 */
export async function resolveRevision(
  db: Kysely<Database>,
  repo: SandboxRepo,
  revision: string,
): Promise<ResolvedRevision> {
  const ref = revision === "main" ? MAIN_REF : revision;
  if (ref === MAIN_REF || /^refs\/pr\/\d+$/.test(ref)) {
    const sha = await refSha(db, repo.id, ref);
    if (sha) return { ref, sha };
  } else if (/^[0-9a-f]{40}$/.test(revision)) {
    // Main first: after a merge a pull request's ref may still point at a commit main also reached.
    const rows = await db
      .selectFrom("sandbox_refs")
      .select(["ref", "sha"])
      .where("repo_id", "=", repo.id)
      .where("sha", "=", revision)
      .execute();
    const row = rows.find((candidate) => candidate.ref === MAIN_REF) ?? rows[0];
    if (row) return { ref: row.ref, sha: row.sha };
  }
  throw revisionNotFound(repo, revision);
}
