import { Hono } from "hono";
import type { ServerDeps } from "../core/deps.js";
import type { SandboxEnv } from "./repo-params.js";
import { spaceRuntimeRoutes } from "./space-runtime-routes.js";
import { spaceSettingsRoutes } from "./space-settings-routes.js";

/** Spaces' settings and runtime (mounted under /api): stored, with no Space running. */
export function spaceRoutes(deps: ServerDeps) {
  const app = new Hono<SandboxEnv>();
  spaceRuntimeRoutes(app, deps);
  spaceSettingsRoutes(app, deps);
  return app;
}
