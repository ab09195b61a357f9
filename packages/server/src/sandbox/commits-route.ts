import type { Hono } from "hono";
import type { Kysely } from "kysely";
import type { ServerDeps } from "../core/deps.js";
import { apiError } from "../core/errors.js";
import type { Database, SandboxCommitsTable } from "../store/schema.js";
import { REPO_PREFIXES, repoOfPath, type SandboxEnv } from "./repo-params.js";
import { readableRepo } from "./repo-store.js";
import { resolveRevision } from "./revision.js";
import { authorsById } from "./wire.js";

const PAGE = 50;

/** A commit as history reads it: its row without the repo it belongs to. */
type CommitRow = Omit<SandboxCommitsTable, "repo_id">;

/** The history behind `head`, newest first: its parents followed through the repo's recorded commits. */
export async function historyOf(db: Kysely<Database>, repoId: string, head: string): Promise<CommitRow[]> {
  const rows = await db
    .selectFrom("sandbox_commits")
    .select(["sha", "parent_sha", "title", "message", "author_id", "created_at"])
    .where("repo_id", "=", repoId)
    .execute();
  const bySha = new Map(rows.map((row) => [row.sha, row]));
  const history: CommitRow[] = [];
  for (let row = bySha.get(head); row && history.length < bySha.size; row = bySha.get(row.parent_sha ?? "")) {
    history.push(row);
  }
  return history;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * `GET /api/{type}s/{repo}/commits/{revision}` (`p` page, `expand[]=formatted`): the revision's commits, newest
 * first, 50 a page with a `Link` to the next, as `list_repo_commits` reads them. A repo's history starts at its
 * first commit recorded by this version of the sandbox.
 */
export function commitsRoute(app: Hono<SandboxEnv>, deps: ServerDeps): void {
  for (const prefix of REPO_PREFIXES) {
    app.get(`${prefix}/commits/:revision`, async (c) => {
      const { type, name } = repoOfPath(c);
      const repo = await readableRepo(deps.db, c.var.account, type, name);
      const revision = c.req.param("revision");
      // Any recorded commit has a history, though only the refs' heads have files to show.
      const recorded = /^[0-9a-f]{40}$/.test(revision)
        ? await deps.db
            .selectFrom("sandbox_commits")
            .select("sha")
            .where("repo_id", "=", repo.id)
            .where("sha", "=", revision)
            .executeTakeFirst()
        : undefined;
      const sha = recorded?.sha ?? (await resolveRevision(deps.db, repo, revision)).sha;
      const pageParam = c.req.query("p") ?? "0";
      const page = Number(pageParam);
      if (!/^\d{1,6}$/.test(pageParam)) throw apiError(400, "p must be a page number (0 for the first)");
      const history = await historyOf(deps.db, repo.id, sha);
      const slice = history.slice(page * PAGE, (page + 1) * PAGE);
      const authors = await authorsById(
        deps.db,
        slice.flatMap((row) => (row.author_id ? [row.author_id] : [])),
      );
      const formatted = c.req.queries("expand[]")?.includes("formatted") ?? false;
      if (history.length > (page + 1) * PAGE) {
        const next = new URL(c.req.url);
        next.searchParams.set("p", String(page + 1));
        c.header("Link", `<${next.href}>; rel="next"`);
      }
      return c.json(
        slice.map((row) => ({
          id: row.sha,
          title: row.title,
          message: row.message,
          authors: [{ user: authors.get(row.author_id ?? "")?.name ?? "deleted", avatar: "" }],
          date: new Date(Number(row.created_at)).toISOString(),
          ...(formatted && { formatted: { title: escapeHtml(row.title), message: escapeHtml(row.message) } }),
        })),
      );
    });
  }
}
