import { Hono } from "hono";
import { API_DOCS } from "./api-docs.js";
import type { DeliveryHandoff } from "./core/delivery-handoff.js";
import type { ServerDeps } from "./core/deps.js";
import { errorResponse, handleError } from "./core/errors.js";
import { bodyCap, bodyCapOf } from "./core/json-body.js";
import { type MetricsAccess, metricsHandler } from "./core/metrics-endpoint.js";
import { pathGuard } from "./core/path-guard.js";
import { checkReadiness, type WorkerState } from "./core/readiness.js";
import { requestLog } from "./core/request-log.js";
import { traceRequests } from "./core/tracing.js";
import { VERSION } from "./core/version.js";
import { activityRoutes } from "./delivery/activity-routes.js";
import type { Sender } from "./delivery/sender.js";
import { eventRoutes } from "./events/routes.js";
import { jobRoutes } from "./jobs/routes.js";
import { scheduledJobRoutes } from "./jobs/scheduled-routes.js";
import { docsRoutes } from "./openapi/docs-routes.js";
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
/** What the app shows of the process around it: its worker (if any) and where /metrics may be read. */
export interface ProcessView {
  workerState(): WorkerState;
  workerInFlight(): number;
  metricsAccess: MetricsAccess;
}

const NO_PROCESS: ProcessView = {
  workerState: () => "none",
  workerInFlight: () => 0,
  metricsAccess: { apiOnLoopback: false, ownPort: false },
};

/** /health, /ready and /metrics: also what a separate --metrics-port serves. */
export function operationsRoutes(deps: ServerDeps, view: ProcessView, onMetricsPort = false): Hono {
  const app = new Hono();
  // Liveness: the process answers. Readiness (for a load balancer): it can also do its work right now.
  app.get("/health", (c) => c.json({ status: "ok", version: VERSION, database: deps.dialect }));
  app.get("/ready", async (c) => {
    const { ready, checks, error } = await checkReadiness(deps.db, view.workerState());
    c.header("Cache-Control", "no-store");
    return ready
      ? c.json({ status: "ready", version: VERSION, ...checks })
      : c.json({ status: "not ready", error, version: VERSION, ...checks }, 503);
  });
  app.get("/metrics", metricsHandler(deps, view.metricsAccess, view.workerInFlight, onMetricsPort));
  return app;
}

export function createApp(
  deps: ServerDeps,
  sender: Sender,
  relayWake = new RelayWake(),
  view = NO_PROCESS,
  /** Takes the attempts (replays included) of webhooks that `hubhooks listen --webhook` listens to. */
  handoff?: DeliveryHandoff,
): Hono {
  const transport = { sender, handoff };
  const app = new Hono();
  app.onError(handleError(deps.logger));
  app.use("*", traceRequests());
  app.use("*", requestLog(deps.logger));
  app.use("*", pathGuard());
  app.use("*", pageHeaders());
  const relayCap = deps.config.relay.maxBodyBytes;
  app.use(
    "*",
    bodyCap((path) => (path.startsWith("/relay/") ? relayCap : bodyCapOf(path))),
  );
  app.notFound((c) => errorResponse(c, 404, `No route for ${c.req.method} ${c.req.path}`));

  app.route("/", operationsRoutes(deps, view));
  const document = openApiDocument(VERSION, API_DOCS);
  app.get("/openapi.json", (c) => c.json(document));
  app.route("/docs", docsRoutes());
  app.route("/relay", inboundRoutes(deps, relayWake));
  app.route("/api/relay", relayApiRoutes(deps, relayWake));
  // A relay on a public host (a Space) serves nothing else: no management API, no UI, no sandbox.
  if (deps.config.relayOnly) return app;
  app.route("/api/settings/webhooks", activityRoutes(deps, transport));
  app.route("/api/settings/webhooks", webhookRoutes(deps));
  app.route("/api/events", eventRoutes(deps));
  app.route("/api/jobs", jobRoutes(deps));
  app.route("/api/scheduled-jobs", scheduledJobRoutes(deps));
  if (deps.config.sandbox) {
    app.route("/api", repoRoutes(deps));
    app.route("/api", contentRoutes(deps));
    app.route("/api", browseRoutes(deps));
    app.route("/api", discussionRoutes(deps));
    app.route("/", resolveRoutes(deps));
    app.route("/", sandboxPages(deps));
  }
  app.route("/", uiRoutes(deps, transport));
  return app;
}
