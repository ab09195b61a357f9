import type { RepoType } from "@hubhooks/schemas";
import type { Context } from "hono";
import { type Kysely, sql } from "kysely";
import { HubCodedError } from "../core/errors.js";
import type { Database } from "../store/schema.js";

/**
 * A moved repo's old name: a GET or HEAD there is redirected to its new name (`redirectMoved`); anything else
 * answers as for a missing repo.
 */
export class RepoMovedError extends HubCodedError {
  constructor(
    readonly requested: string,
    readonly movedTo: string,
    type: string,
  ) {
    super(404, `Repository not found: ${type} ${requested} (moved to ${movedTo})`, "RepoNotFound");
  }
}

/** Where the repo that was last named `name` went, if it was moved (its current name). */
export async function movedRepoName(db: Kysely<Database>, type: RepoType, name: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("sandbox_repo_moves")
    .innerJoin("sandbox_repos", "sandbox_repos.id", "sandbox_repo_moves.repo_id")
    .select("sandbox_repos.name")
    .where("sandbox_repo_moves.type", "=", type)
    .where(sql<string>`lower(sandbox_repo_moves.old_name)`, "=", name.toLowerCase())
    .orderBy("sandbox_repo_moves.moved_at", "desc")
    .executeTakeFirst();
  return row?.name;
}

export async function recordMove(db: Kysely<Database>, repoId: string, type: RepoType, oldName: string) {
  await db
    .insertInto("sandbox_repo_moves")
    .values({ repo_id: repoId, type, old_name: oldName, moved_at: Date.now() })
    .execute();
}

/**
 * After a sandbox route: a `RepoMovedError` raised by a GET or HEAD becomes a 307 to the same URL under the repo's
 * new name, as the Hub redirects a moved repo's old name (huggingface_hub follows it).
 */
export function redirectMoved(c: Context): void {
  const error = c.error;
  if (!(error instanceof RepoMovedError) || !["GET", "HEAD"].includes(c.req.method)) return;
  const url = new URL(c.req.url);
  const segments = url.pathname.split("/");
  const parts = error.requested.split("/").length;
  const lower = error.requested.toLowerCase();
  const at = segments.findIndex(
    (_, index) =>
      segments
        .slice(index, index + parts)
        .join("/")
        .toLowerCase() === lower,
  );
  if (at === -1) return;
  segments.splice(at, parts, ...error.movedTo.split("/"));
  c.res = new Response(null, { status: 307, headers: { Location: `${segments.join("/")}${url.search}` } });
}
