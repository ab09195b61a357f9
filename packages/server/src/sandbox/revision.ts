import type { Kysely } from "kysely";
import { apiError, HubCodedError } from "../core/errors.js";
import type { Database } from "../store/schema.js";
import { MAIN_REF, type SandboxRepo } from "./repo-store.js";

/** A revision read: the ref whose files it shows and the commit id it stands at. */
export interface ResolvedRevision {
  ref: string;
  sha: string;
}

export function revisionNotFound(repo: SandboxRepo, revision: string): HubCodedError {
  return new HubCodedError(404, `Invalid rev id: ${revision} (revision not found in ${repo.name})`, "RevisionNotFound");
}

/** The refs a revision's name may stand for, in the order git reads a short name: branch, then tag. */
function candidateRefs(revision: string): string[] {
  if (revision === "main") return [MAIN_REF];
  if (/^refs\/(heads|tags)\/./.test(revision) || /^refs\/pr\/\d+$/.test(revision)) return [revision];
  return [`refs/heads/${revision}`, `refs/tags/${revision}`];
}

const preference = (ref: string) =>
  ref === MAIN_REF ? 0 : ref.startsWith("refs/heads/") ? 1 : ref.startsWith("refs/tags/") ? 2 : 3;

/**
 * A revision as clients name it (already URL-decoded): "main", a branch or tag by short or full name
 * ("dev", "refs/heads/dev", "v1", "refs/tags/v1"), a pull request's "refs/pr/N", or a commit id that one of those
 * points at. The sandbox keeps no trees of older commits, so any other commit id is as unknown as a branch it
 * does not have: 404 RevisionNotFound, as the Hub answers an unknown revision.
 */
export async function resolveRevision(
  db: Kysely<Database>,
  repo: SandboxRepo,
  revision: string,
): Promise<ResolvedRevision> {
  const byCommit = /^[0-9a-f]{40}$/.test(revision);
  const candidates = candidateRefs(revision);
  const rows = await db
    .selectFrom("sandbox_refs")
    .select(["ref", "sha"])
    .where("repo_id", "=", repo.id)
    .where((eb) =>
      byCommit ? eb.or([eb("sha", "=", revision), eb("ref", "in", candidates)]) : eb("ref", "in", candidates),
    )
    .execute();
  const named = candidates.map((ref) => rows.find((row) => row.ref === ref)).find((row) => row !== undefined);
  if (named) return { ref: named.ref, sha: named.sha };
  // A commit id: main first, then branches, tags and pull requests that point at it.
  const pointing = rows.filter((row) => row.sha === revision).sort((a, b) => preference(a.ref) - preference(b.ref));
  if (pointing[0]) return { ref: pointing[0].ref, sha: pointing[0].sha };
  throw revisionNotFound(repo, revision);
}

/** The ref a commit goes to: a branch ("main", "dev", "refs/heads/dev") or a pull request's "refs/pr/N". */
export async function branchRef(db: Kysely<Database>, repo: SandboxRepo, revision: string): Promise<string> {
  const { ref } = await resolveRevision(db, repo, revision);
  // A commit id names a state, not a place to commit to; nor does a tag.
  if ((ref.startsWith("refs/heads/") || ref.startsWith("refs/pr/")) && !/^[0-9a-f]{40}$/.test(revision)) return ref;
  throw apiError(400, `Revision ${revision} is not a branch: commit to a branch or a pull request's refs/pr/N`);
}
