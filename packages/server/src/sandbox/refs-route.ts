import type { Hono } from "hono";
import type { ServerDeps } from "../core/deps.js";
import { flag } from "./query-flags.js";
import { REPO_PREFIXES, repoOfPath, type SandboxEnv } from "./repo-params.js";
import { readableRepo } from "./repo-store.js";

const refInfo = (name: string, ref: string, targetCommit: string) => ({ name, ref, targetCommit });

/**
 * `GET /api/{type}s/{repo}/refs[?include_prs=1]`: the repo's git refs as `list_repo_refs` reads them — branches,
 * tags, converts (always none here) and, when asked, the pull requests' refs with the commit each points at.
 */
export function refsRoute(app: Hono<SandboxEnv>, deps: ServerDeps): void {
  for (const prefix of REPO_PREFIXES) {
    app.get(`${prefix}/refs`, async (c) => {
      const { type, name } = repoOfPath(c);
      const repo = await readableRepo(deps.db, c.var.account, type, name);
      const rows = await deps.db
        .selectFrom("sandbox_refs")
        .select(["ref", "sha"])
        .where("repo_id", "=", repo.id)
        .execute();
      const under = (prefix: string) =>
        rows
          .filter((row) => row.ref.startsWith(prefix))
          .map((row) => refInfo(row.ref.slice(prefix.length), row.ref, row.sha));
      const pullRequests = under("refs/pr/").sort((a, b) => Number(a.name) - Number(b.name));
      return c.json({
        branches: under("refs/heads/").sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
        converts: under("refs/convert/"),
        tags: under("refs/tags/").sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
        ...(flag(c.req.query("include_prs")) && { pullRequests }),
      });
    });
  }
}
