import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Account } from "../core/account.js";
import type { DialectName } from "../store/open-database.js";
import type { Database } from "../store/schema.js";
import type { ApiRateLimiter } from "./api-rate-limit.js";
import type { DeliveryConfig } from "./config.js";
import type { Metrics } from "./metrics.js";
import type { Notifier } from "./notifier.js";

/** What every feature gets from the core: the database and a logger. Features do not import each other. */
export interface ServerDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  logger: Logger;
  config: DeliveryConfig;
  /** Signals new due deliveries to the worker in this process. */
  notifier: Notifier;
  /** Per-token request limits of the management API and ingest. */
  apiLimiter: ApiRateLimiter;
  /** This process's counters for /metrics: incremented in memory, never a query. */
  metrics: Metrics;
}

export interface AppEnv {
  Variables: { account: Account };
}
