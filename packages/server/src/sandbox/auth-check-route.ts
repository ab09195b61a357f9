import type { Hono } from "hono";
import type { ServerDeps } from "../core/deps.js";
import { checkGate } from "./gate.js";
import { REPO_PREFIXES, repoOfPath, type SandboxEnv } from "./repo-params.js";
import { readableRepo } from "./repo-store.js";

/**
 * `GET /api/{type}s/{repo}/auth-check` (`auth_check`): 200 when the caller may read the repo's files; a private
 * repo of others is a 404 RepoNotFound, a gated one 401/403 GatedRepo, as downloads would answer.
 */
export function authCheckRoute(app: Hono<SandboxEnv>, deps: ServerDeps): void {
  for (const prefix of REPO_PREFIXES) {
    app.get(`${prefix}/auth-check`, async (c) => {
      const { type, name } = repoOfPath(c);
      const repo = await readableRepo(deps.db, c.var.account, type, name);
      await checkGate(deps.db, c.var.account, repo, "");
      return c.json({});
    });
  }
}
