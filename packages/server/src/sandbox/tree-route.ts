import type { Context, Hono } from "hono";
import type { ServerDeps } from "../core/deps.js";
import { apiError, HubCodedError } from "../core/errors.js";
import { filesAt } from "./content-store.js";
import { withLastCommits } from "./last-commits.js";
import { flag } from "./query-flags.js";
import { REPO_PREFIXES, repoOfPath, type SandboxEnv } from "./repo-params.js";
import { readableRepo } from "./repo-store.js";
import { resolveRevision } from "./revision.js";
import { listTree } from "./tree-listing.js";

const PAGE = 1000;

/**
 * `GET /api/{type}s/{repo}/tree/{revision}[/{path}]` (`recursive`, `expand`, `limit`, `cursor`): the entries of a
 * folder as `list_repo_tree` and `HfFileSystem` read them, at most `limit` (1000) a page, the next page named by
 * a `Link: <…cursor=…>; rel="next"` header as the Hub's pagination does. Built from the ref's file listing alone.
 */
export function treeRoute(app: Hono<SandboxEnv>, deps: ServerDeps): void {
  const list = async (c: Context<SandboxEnv>) => {
    const { type, name } = repoOfPath(c);
    const repo = await readableRepo(deps.db, c.var.account, type, name);
    const revision = await resolveRevision(deps.db, repo, c.req.param("revision") ?? "");
    const folder = (c.req.param("path") ?? "").replace(/\/+$/, "");
    const limit = pageSize(c.req.query("limit"));
    const cursor = c.req.query("cursor");
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const entries = listTree(await filesAt(deps.db, repo.id, revision.ref), folder, flag(c.req.query("recursive")));
    if (!entries) {
      throw new HubCodedError(
        404,
        `Entry not found: ${folder} is not a folder of ${repo.name} at ${revision.ref}`,
        "EntryNotFound",
      );
    }
    const rest = after === undefined ? entries : entries.filter((entry) => entry.path > after);
    const page = rest.slice(0, limit);
    const last = page.at(-1);
    if (last && rest.length > page.length) {
      const next = new URL(c.req.url);
      next.searchParams.set("cursor", Buffer.from(last.path).toString("base64url"));
      c.header("Link", `<${next.href}>; rel="next"`);
    }
    const expand = flag(c.req.query("expand"));
    return c.json(expand ? await withLastCommits(deps.db, repo.id, revision.ref, page) : page);
  };
  for (const prefix of REPO_PREFIXES) {
    app.get(`${prefix}/tree/:revision`, list);
    app.get(`${prefix}/tree/:revision/:path{.+}`, list);
  }
}

function pageSize(limit: string | undefined): number {
  if (limit === undefined) return PAGE;
  const size = Number(limit);
  if (!Number.isInteger(size) || size < 1) throw apiError(400, `limit must be a whole number from 1 to ${PAGE}`);
  return Math.min(size, PAGE);
}

function decodeCursor(cursor: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(cursor)) throw apiError(400, "Invalid cursor: pass back the one the Link header named");
  return Buffer.from(cursor, "base64url").toString();
}
