import { Hono } from "hono";
import type { ServerDeps } from "../core/deps.js";
import { authCheckRoute } from "./auth-check-route.js";
import { commitsRoute } from "./commits-route.js";
import { listReposRoute } from "./list-repos-route.js";
import { pathsInfoRoute } from "./paths-info-route.js";
import { preuploadRoute } from "./preupload-route.js";
import { refRoutes } from "./ref-routes.js";
import { refsRoute } from "./refs-route.js";
import { optionalAccount, REPO_PREFIXES, type SandboxEnv } from "./repo-params.js";
import { superSquashRoute } from "./super-squash-route.js";
import { treeRoute } from "./tree-route.js";
import { xetTokenRoute } from "./xet-token-route.js";

/** Repo browsing and git refs, as bots read a repo after an event: tree, paths-info, refs, commits. */
export function browseRoutes(deps: ServerDeps) {
  const app = new Hono<SandboxEnv>();
  for (const prefix of REPO_PREFIXES) app.use(`${prefix}/*`, optionalAccount(deps.db, deps.apiLimiter));
  treeRoute(app, deps);
  pathsInfoRoute(app, deps);
  refsRoute(app, deps);
  refRoutes(app, deps);
  commitsRoute(app, deps);
  preuploadRoute(app, deps);
  authCheckRoute(app, deps);
  listReposRoute(app, deps);
  superSquashRoute(app, deps);
  xetTokenRoute(app);
  return app;
}
