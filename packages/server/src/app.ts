import { Hono } from "hono";
import type { ServerDeps } from "./core/deps.js";
import { errorResponse, handleError } from "./core/errors.js";
import { bodyCap, bodyCapOf } from "./core/json-body.js";
import { pathGuard } from "./core/path-guard.js";
import { requestLog } from "./core/request-log.js";
import { VERSION } from "./core/version.js";
import { activityRoutes } from "./delivery/activity-routes.js";
import type { Sender } from "./delivery/sender.js";
import { eventRoutes } from "./events/routes.js";
import { openApiDocument } from "./openapi/document.js";
import { relayApiRoutes } from "./relay/api-routes.js";
import { inboundRoutes } from "./relay/inbound-routes.js";
import { RelayWake } from "./relay/wake.js";
import { browseRoutes } from "./sandbox/browse-routes.js";
import { contentRoutes } from "./sandbox/content-routes.js";
import { discussionRoutes } from "./sandbox/discussion-routes.js";
import { repoRoutes } from "./sandbox/repo-routes.js";
import { resolveRoutes } from "./sandbox/resolve-routes.js";
import { pageHeaders } from "./ui/page-headers.js";
import { uiRoutes } from "./ui/routes.js";
import { sandboxPages } from "./ui/sandbox-pages.js";
import { webhookRoutes } from "./webhooks/routes.js";

/** The HTTP application: every feature mounted on one hono app with one error handler. */
export function createApp(deps: ServerDeps, sender: Sender, relayWake = new RelayWake()): Hono {
  const app = new Hono();
  app.onError(handleError(deps.logger));
  app.use("*", requestLog(deps.logger));
  app.use("*", pathGuard());
  app.use("*", pageHeaders());
  const relayCap = deps.config.relay.maxBodyBytes;
  app.use(
    "*",
    bodyCap((path) => (path.startsWith("/relay/") ? relayCap : bodyCapOf(path))),
  );
  app.notFound((c) => errorResponse(c, 404, `No route for ${c.req.method} ${c.req.path}`));

  app.get("/health", (c) => c.json({ status: "ok", version: VERSION, database: deps.dialect }));
  const document = openApiDocument(VERSION);
  app.get("/openapi.json", (c) => c.json(document));
  app.route("/relay", inboundRoutes(deps, relayWake));
  app.route("/api/relay", relayApiRoutes(deps, relayWake));
  // A relay on a public host (a Space) serves nothing else: no management API, no UI, no sandbox.
  if (deps.config.relayOnly) return app;
  app.route("/api/settings/webhooks", activityRoutes(deps, sender));
  app.route("/api/settings/webhooks", webhookRoutes(deps));
  app.route("/api/events", eventRoutes(deps));
  if (deps.config.sandbox) {
    app.route("/api", repoRoutes(deps));
    app.route("/api", contentRoutes(deps));
    app.route("/api", browseRoutes(deps));
    app.route("/api", discussionRoutes(deps));
    app.route("/", resolveRoutes(deps));
    app.route("/", sandboxPages(deps));
  }
  app.route("/", uiRoutes(deps, sender));
  return app;
}
