import { Hono } from "hono";
import type { ServerDeps } from "../core/deps.js";
import { lfsBatchRoutes } from "./lfs-batch-route.js";
import { lfsUploadRoutes } from "./lfs-upload-routes.js";
import type { SandboxEnv } from "./repo-params.js";

/** Large files: the LFS batch and verify endpoints on each repo's git URL, and the upload URLs they hand out. */
export function lfsRoutes(deps: ServerDeps) {
  const app = new Hono<SandboxEnv>();
  lfsUploadRoutes(app, deps);
  lfsBatchRoutes(app, deps);
  return app;
}
