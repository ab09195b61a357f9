import type { Kysely } from "kysely";
import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";
import { COUNTED_TABLES, queueStats, type StorageStats, storageStats } from "../store/database-stats.js";
import type { DialectName } from "../store/open-database.js";
import type { Database } from "../store/schema.js";
import { Buckets, Tally } from "./tallies.js";

/** How a delivery ended; `rate_limited` is recorded at ingest, the others by the worker that finished it. */
export type DeliveryOutcome = "delivered" | "failed" | "cancelled" | "rate_limited";
export type AutoDisableReason = "gone" | "failing";

const STATUS_CLASSES = ["1xx", "2xx", "3xx", "4xx", "5xx", "error"] as const;

/** Database size and row counts change slowly and cost more to read than the queue: read once a minute at most. */
const STORAGE_TTL_MS = 60_000;

let processRegistry: Registry | undefined;
/** Process metrics (CPU, memory, GC, event-loop lag) belong to the process: one set, whatever the servers in it. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * This process's metrics. Counters are incremented in memory where things happen (no query per delivery); the
 * outbox gauges, database size and row counts are read with a few cheap statements when scraped. Labels are
 * bounded: outcomes, status classes, reasons and table names, never a webhook or a URL.
 */
export class Metrics {
  readonly registry = new Registry();
  // Incremented per delivery: plain numbers (tallies.ts), read by prom-client at scrape time.
  readonly #deliveries = new Tally(
    this.registry,
    "hubhooks_deliveries_total",
    "Deliveries that reached a final outcome in this process (rate_limited: at ingest, over the trigger limit)",
    "outcome",
    ["delivered", "failed", "cancelled", "rate_limited"] satisfies DeliveryOutcome[],
  );
  readonly #attempts = new Tally(
    this.registry,
    "hubhooks_delivery_attempts_total",
    "Delivery attempts by this process, by the receiver's status class (error: no HTTP answer)",
    "status_class",
    STATUS_CLASSES,
  );
  readonly #attemptSeconds = new Buckets(
    this.registry,
    "hubhooks_delivery_attempt_duration_seconds",
    "Duration of delivery attempts, request to answer (or error)",
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  );
  readonly #firstAttemptSeconds = new Buckets(
    this.registry,
    "hubhooks_delivery_first_attempt_latency_seconds",
    "From an event's ingest (its delivery row) to the start of the delivery's first attempt",
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  );
  readonly #autoDisabled = new Counter({
    name: "hubhooks_webhooks_auto_disabled_total",
    help: "Webhooks disabled by the service: the receiver answered 410 Gone, or every attempt failed too long",
    labelNames: ["reason"] as const,
    registers: [this.registry],
  });
  readonly #apiRateLimited = new Counter({
    name: "hubhooks_api_rate_limited_total",
    help: "API requests answered 429: per token, or per client address without a token",
    labelNames: ["limit"] as const,
    registers: [this.registry],
  });
  readonly #sandboxChanges = new Counter({
    name: "hubhooks_sandbox_changes_total",
    help: "Changes made through the Hub sandbox (each fires its events)",
    registers: [this.registry],
  });
  readonly #queue = {
    pending: this.#gauge("hubhooks_deliveries_pending", "Deliveries waiting for an attempt or a retry (all processes)"),
    due: this.#gauge("hubhooks_deliveries_due", "Pending deliveries due now, waiting for a worker (all processes)"),
    inFlight: this.#gauge("hubhooks_deliveries_in_flight", "Deliveries claimed under a live lease (all workers)"),
    oldestDueAge: this.#gauge(
      "hubhooks_oldest_due_age_seconds",
      "How long the oldest due delivery has waited past its due time: grows when workers fall behind or stop",
    ),
  };
  readonly #databaseBytes = this.#gauge("hubhooks_database_size_bytes", "Size of the database");
  readonly #rows = new Gauge({
    name: "hubhooks_database_rows",
    help: "Rows per table (PostgreSQL: the statistics' estimate)",
    labelNames: ["table"] as const,
    registers: [this.registry],
  });
  readonly #workerInFlight = this.#gauge("hubhooks_worker_attempts_in_flight", "Attempts this process has in flight");
  #storage: { at: number; stats: StorageStats } | undefined;

  #gauge(name: string, help: string): Gauge {
    return new Gauge({ name, help, registers: [this.registry] });
  }

  delivery(outcome: DeliveryOutcome, count = 1): void {
    this.#deliveries.add(outcome, count);
  }

  attempt(statusCode: number | null, durationMs: number): void {
    const statusClass =
      statusCode === null
        ? "error"
        : (STATUS_CLASSES[Math.min(5, Math.max(1, Math.floor(statusCode / 100))) - 1] ?? "error");
    this.#attempts.add(statusClass);
    this.#attemptSeconds.observe(durationMs / 1000);
  }

  firstAttempt(ingestedAt: number, startedAt: number): void {
    this.#firstAttemptSeconds.observe(Math.max(0, startedAt - ingestedAt) / 1000);
  }

  autoDisabled(reason: AutoDisableReason, count = 1): void {
    if (count > 0) this.#autoDisabled.inc({ reason }, count);
  }

  apiRateLimited(limit: "token" | "anonymous"): void {
    this.#apiRateLimited.inc({ limit });
  }

  sandboxChange(): void {
    this.#sandboxChanges.inc();
  }

  /** The text exposition: reads the outbox (and, once a minute, the storage) first. */
  async scrape(db: Kysely<Database>, dialect: DialectName, workerInFlight: number): Promise<string> {
    const now = Date.now();
    const queue = await queueStats(db, now);
    this.#queue.pending.set(queue.pending);
    this.#queue.due.set(queue.due);
    this.#queue.inFlight.set(queue.inFlight);
    this.#queue.oldestDueAge.set(queue.oldestDueAgeMs / 1000);
    this.#workerInFlight.set(workerInFlight);
    if (!this.#storage || now - this.#storage.at >= STORAGE_TTL_MS) {
      this.#storage = { at: now, stats: await storageStats(db, dialect) };
    }
    this.#databaseBytes.set(this.#storage.stats.bytes);
    for (const table of COUNTED_TABLES) this.#rows.set({ table }, this.#storage.stats.rows[table]);
    return `${await this.registry.metrics()}\n${await processMetrics().metrics()}`;
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
