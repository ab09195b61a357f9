import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import type { Hono } from "hono";
import type { Kysely } from "kysely";
import pino, { type Logger } from "pino";
import { createApp } from "./app.js";
import { ApiRateLimiter } from "./core/api-rate-limit.js";
import { type DeliveryConfig, type DeliveryOverrides, deliveryConfig } from "./core/config.js";
import { Notifier } from "./core/notifier.js";
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
  const { db, dialect, close: closeDatabase } = await openDatabase(options.database);
  const requeued = await requeueUnscheduled(db);
  if (requeued > 0) logger.warn({ requeued }, "re-queued pending deliveries that had no due time");
  const channel = dialect === "postgres" ? pgWakeChannel(options.database, db, logger) : undefined;
  const notifier = new Notifier(channel);
  const deps = {
    db,
    dialect,
    logger,
    config,
    notifier,
    apiLimiter: new ApiRateLimiter(config.apiRateLimit, config.anonymousPerMinute),
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
  const app = createApp(deps, sender, relayWake, handoff);
  let http: ServerType | undefined;

  return {
    app,
    db,
    dialect,
    logger,
    config,
    worker,
    jobRunner,
    listen: ({ port = 7861, host = "127.0.0.1" } = {}) =>
      new Promise((resolve, reject) => {
        const server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
          const shownHost = info.family === "IPv6" ? `[${info.address}]` : info.address;
          const url = `http://${shownHost}:${info.port}`;
          // The sandbox's payloads must point back here (discussion.url.api is where a bot replies) unless the
          // operator named another public URL; the URL is known only now, since port 0 picks one.
          if (config.sandbox && options.delivery?.publicHubUrl === undefined) config.publicHubUrl = url;
          resolve(url);
        });
        server.once("error", reject);
        http = server;
      }),
    async close() {
      await worker.stop();
      await jobRunner?.stop();
      handoff.close();
      stopRelayPruner();
      // Open listen streams would keep the HTTP server from closing: they end first, then their sockets are idle.
      await relayWake.close();
      await notifier.close();
      if (http) {
        const server = http;
        await new Promise<void>((resolve) => server.close(() => resolve()));
        http = undefined;
      }
      await sender.close();
      await closeDatabase();
    },
  };
}
