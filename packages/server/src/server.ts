import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import type { Hono } from "hono";
import type { Kysely } from "kysely";
import pino, { type Logger } from "pino";
import { createApp, operationsRoutes, type ProcessView } from "./app.js";
import { ApiRateLimiter, databaseHits, memoryHits } from "./core/api-rate-limit.js";
import { type DeliveryConfig, type DeliveryOverrides, deliveryConfig } from "./core/config.js";
import { capConnections, timeoutOptions } from "./core/connection-limits.js";
import { Metrics } from "./core/metrics.js";
import { isLoopbackHost } from "./core/metrics-endpoint.js";
import { Notifier } from "./core/notifier.js";
import { flushTracing, startTracingFromEnv } from "./core/tracing.js";
import { requeueUnscheduled } from "./delivery/delivery-store.js";
import { resumeRecoveries } from "./delivery/recovery.js";
import { Sender } from "./delivery/sender.js";
import { DeliveryWorker } from "./delivery/worker.js";
import { JobHandoff } from "./jobs/job-handoff.js";
import { JobRunner } from "./jobs/runner.js";
import { endOrphanedJobs } from "./jobs/runner-store.js";
import { startRelayPruner } from "./relay/pruner.js";
import { RelayWake } from "./relay/wake.js";
import { WebhookHandoff } from "./relay/webhook-handoff.js";
import { type DialectName, openDatabase } from "./store/open-database.js";
import { pgWakeChannel } from "./store/pg-wake-channel.js";
import type { Database } from "./store/schema.js";

export interface ServerOptions {
  /** A SQLite file path (or ":memory:") or a postgres:// URL. */
  database: string;
  logger?: Logger;
  delivery?: DeliveryOverrides;
}

export interface HubhooksServer {
  app: Hono;
  db: Kysely<Database>;
  dialect: DialectName;
  logger: Logger;
  config: DeliveryConfig;
  worker: DeliveryWorker;
  metrics: Metrics;
  /** The URL of the --metrics-port listener, once listening. */
  metricsUrl: string | undefined;
  /**
   * Serves /metrics, /health and /ready alone on the metrics port (what a worker, which has no API port, runs);
   * `listen` calls it on the API's host when a metrics port is set.
   */
  listenMetrics(host: string): Promise<string>;
  /** Runs jobs as local processes; only there when the operator enabled it (`jobs.runner: "local"`). */
  jobRunner: JobRunner | undefined;
  /** Listens on host:port (port 0 picks a free one) and resolves with the URL. */
  listen(options?: { port?: number; host?: string }): Promise<string>;
  /** Stops the worker (letting attempts in flight finish), stops listening and closes the database. */
  close(): Promise<void>;
}

/** Opens (and migrates) the database and builds the app and the worker; nothing runs until asked. */
export async function createServer(options: ServerOptions): Promise<HubhooksServer> {
  const logger = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? "info" });
  // Validated before the database is touched: a bad setting must not leave anything half-done.
  const config = deliveryConfig(options.delivery);
  if (startTracingFromEnv()) logger.info("exporting traces over OTLP (OTEL_EXPORTER_OTLP_ENDPOINT)");
  const {
    db,
    dialect,
    close: closeDatabase,
  } = await openDatabase(options.database, {
    onLostConnection: (error) =>
      logger.warn({ err: error }, "lost an idle database connection; the next query opens a new one"),
  });
  const requeued = await requeueUnscheduled(db);
  if (requeued > 0) logger.warn({ requeued }, "re-queued pending deliveries that had no due time");
  const channel = dialect === "postgres" ? pgWakeChannel(options.database, db, logger) : undefined;
  const notifier = new Notifier(channel);
  const metrics = new Metrics();
  const deps = {
    db,
    dialect,
    logger,
    config,
    notifier,
    apiLimiter: new ApiRateLimiter(config.apiRateLimit, config.anonymousPerMinute, {
      // Processes sharing PostgreSQL count in it, so the limit holds whatever their number.
      hits:
        dialect === "postgres"
          ? databaseHits(db, (error) => logger.warn({ err: error }, "could not prune API rate counts"))
          : memoryHits(),
      onLimited: (limit) => metrics.apiRateLimited(limit),
    }),
    metrics,
  };
  // Jobs a stopped process left running go on where they stopped.
  void resumeRecoveries(deps);
  // Local jobs a killed process was running cannot go on: they end as ERROR, never RUNNING forever. SQLite has
  // one process, so every RUNNING job is an orphan; on PostgreSQL only those whose runner went quiet.
  const orphaned = await endOrphanedJobs(db, { staleAfterMs: config.jobs.staleAfterMs, all: dialect === "sqlite" });
  if (orphaned > 0) logger.warn({ orphaned }, "ended jobs that a stopped process was running");
  const jobRunner = config.jobs.runner === "local" ? new JobRunner(deps) : undefined;
  const sender = new Sender(config);
  // Listen streams and the worker's hand-offs to them share this process's wake-ups.
  const relayWake = new RelayWake();
  const handoff = new JobHandoff(deps, new WebhookHandoff(deps, relayWake));
  const stopRelayPruner = startRelayPruner(deps);
  const worker = new DeliveryWorker(deps, sender, handoff);
  const view: ProcessView = {
    workerState: () => worker.state,
    workerInFlight: () => worker.inFlight,
    metricsAccess: { apiOnLoopback: false, ownPort: config.metricsPort !== null },
  };
  const app = createApp(deps, sender, relayWake, view, handoff);
  let http: ServerType | undefined;
  let metricsHttp: ServerType | undefined;

  const listenMetrics = (host: string, port: number) =>
    new Promise<string>((resolve, reject) => {
      const server = serve({ fetch: operationsRoutes(deps, view, true).fetch, port, hostname: host }, (info) =>
        resolve(`http://${info.family === "IPv6" ? `[${info.address}]` : info.address}:${info.port}`),
      );
      server.once("error", reject);
      metricsHttp = server;
    });

  const handle: HubhooksServer = {
    app,
    db,
    dialect,
    logger,
    config,
    worker,
    jobRunner,
    metrics,
    metricsUrl: undefined,
    async listenMetrics(host) {
      if (config.metricsPort === null) throw new Error("no metrics port is set");
      handle.metricsUrl = await listenMetrics(host, config.metricsPort);
      return handle.metricsUrl;
    },
    listen: async ({ port = 7861, host = "127.0.0.1" } = {}) => {
      view.metricsAccess.apiOnLoopback = isLoopbackHost(host);
      if (config.metricsPort !== null) await handle.listenMetrics(host);
      return listenApi(port, host);
    },
    async close() {
      await worker.stop();
      await jobRunner?.stop();
      handoff.close();
      stopRelayPruner();
      // Open listen streams would keep the HTTP server from closing: they end first, then their sockets are idle.
      await relayWake.close();
      await notifier.close();
      for (const server of [http, metricsHttp]) {
        if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      http = undefined;
      metricsHttp = undefined;
      await sender.close();
      await closeDatabase();
      await flushTracing().catch(() => {});
    },
  };
  const listenApi = (port: number, host: string) =>
    new Promise<string>((resolve, reject) => {
      const serverOptions = timeoutOptions(config.http);
      const server = serve({ fetch: app.fetch, port, hostname: host, serverOptions }, (info: AddressInfo) => {
        const shownHost = info.family === "IPv6" ? `[${info.address}]` : info.address;
        const url = `http://${shownHost}:${info.port}`;
        // The sandbox's payloads must point back here (discussion.url.api is where a bot replies) unless the
        // operator named another public URL; the URL is known only now, since port 0 picks one.
        if (config.sandbox && options.delivery?.publicHubUrl === undefined) config.publicHubUrl = url;
        resolve(url);
      });
      server.once("error", reject);
      capConnections(server as Server, config.http);
      http = server;
    });
  return handle;
}
