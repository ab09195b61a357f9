import type { DeliveryHandoff } from "../core/delivery-handoff.js";
import type { ServerDeps } from "../core/deps.js";
import type { WorkerState } from "../core/readiness.js";
import { endAttemptSpan, inSpan, startContinuedSpan } from "../core/tracing.js";
import { logAttempt } from "./attempt-log.js";
import { claimDueDeliveries } from "./claim-due.js";
import {
  type ClaimedDelivery,
  finishUnsent,
  loadEventPayloads,
  loadTargets,
  releaseLeases,
  type WebhookTarget,
} from "./delivery-store.js";
import { type Job, jobsOf } from "./job.js";
import { OriginWindow } from "./origin-window.js";
import { PayloadCache } from "./payload-cache.js";
import { DISABLED, RECHECK_AFTER_MS, recheckQueued } from "./recheck-queued.js";
import { deliveryHeaders } from "./request-headers.js";
import { ResultBatcher } from "./result-batcher.js";
import { pruneExpired } from "./retention.js";
import { nextRetryDelay } from "./retry.js";
import { type AttemptTransport, sendAttempt } from "./send-attempt.js";
import type { AttemptOutcome, Sender } from "./sender.js";

const PRUNE_INTERVAL_MS = 60 * 60_000;
/** Event payloads kept in memory: a fan-out's deliveries share one, so one read serves thousands of sends. */
const PAYLOAD_CACHE_SIZE = 4096;
const UNBUILDABLE =
  "not sent: the payload of its event is gone (deleted from the database), so there is no body to send";

/**
 * Claims due deliveries in batches, sends them with bounded concurrency (overall and per origin), and writes
 * results in batches. Wakes at once on a signal (in-process, or PostgreSQL NOTIFY from other processes) and polls
 * for retries as a fallback; refills when half of its window is free, so claims stay batched under load.
 *
 * Fair to every receiver: only attempts in flight count against the window, a claim takes at most one origin's
 * bound of one webhook's deliveries and skips webhooks whose origin has all it can take, and what an
 * origin cannot take goes back to the database at once. So a receiver that never answers ties up its own slots,
 * and everyone else's deliveries are claimed beside its backlog.
 */
export class DeliveryWorker {
  readonly #deps: ServerDeps;
  /** Where attempts go: the sender, or the hand-off (Jobs, `hubhooks listen --webhook`) that takes them. */
  readonly #transport: AttemptTransport;
  readonly #window: OriginWindow<Job>;
  readonly #payloads = new PayloadCache(PAYLOAD_CACHE_SIZE);
  readonly #running = new Set<Job>();
  readonly #results: ResultBatcher;
  #pumping = false;
  #pumpAgain = false;
  /** A signal or poll asked for this pump: claim until nothing more is claimable, not just a refill. */
  #thorough = false;
  /** The last pump stopped with a full window while more may have been due: refill as attempts finish. */
  #moreDue = false;
  #stopped = true;
  #started = false;
  /** The last claim failed (the database is unreachable): /ready says so until a claim goes through. */
  #claimFailing = false;
  #timers: NodeJS.Timeout[] = [];
  #unsubscribe: (() => void) | undefined;
  #idle: Array<() => void> = [];

  constructor(deps: ServerDeps, sender: Sender, handoff?: DeliveryHandoff) {
    this.#deps = deps;
    this.#transport = { sender, handoff };
    this.#window = new OriginWindow(deps.config.perOriginConcurrency);
    this.#results = new ResultBatcher(deps);
  }

  /** For /ready: never started in this process (`none`), stopped, failing to claim, or claiming. */
  get state(): WorkerState {
    if (!this.#started) return "none";
    if (this.#stopped) return "stopped";
    return this.#claimFailing ? "failing" : "claiming";
  }

  get inFlight(): number {
    return this.#window.size;
  }

  /** At most this many deliveries of one webhook per claim: one round of its origin, what its queue has room for. */
  get #perWebhook(): number {
    return this.#deps.config.perOriginConcurrency;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#started = true;
    this.#unsubscribe = this.#deps.notifier.subscribe(() => this.wake());
    this.#timers.push(setInterval(() => this.wake(), this.#deps.config.pollIntervalMs));
    const prune = () => void pruneExpired(this.#deps, () => this.#stopped);
    this.#timers.push(setInterval(prune, PRUNE_INTERVAL_MS));
    prune();
    this.wake();
  }

  /**
   * Stops claiming, lets attempts in flight finish (up to `graceMs`), writes their results, and hands what is
   * still unfinished back (due now) so another worker takes it at once instead of after the lease.
   */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#unsubscribe?.();
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    if (this.#window.size > 0) {
      await Promise.race([
        new Promise<void>((resolve) => this.#idle.push(resolve)),
        new Promise((resolve) => setTimeout(resolve, graceMs)),
      ]);
    }
    await this.#results.flushNow();
    const unfinished = this.#window.drain().concat([...this.#running]);
    if (unfinished.length > 0) {
      await releaseLeases(
        this.#deps.db,
        this.#deps.dialect,
        unfinished.map((job) => job.delivery),
      ).catch((error: unknown) => this.#deps.logger.error({ err: error }, "could not release unfinished deliveries"));
    }
  }

  /** New work may be due (a signal, a poll): claims until nothing more is claimable or the window is full. */
  wake(): void {
    this.#wake(true);
  }

  #wake(thorough: boolean): void {
    if (this.#stopped) return;
    if (thorough) this.#thorough = true;
    if (this.#pumping) {
      this.#pumpAgain = true;
      return;
    }
    void this.#pump();
  }

  async #pump(): Promise<void> {
    this.#pumping = true;
    try {
      do {
        this.#pumpAgain = false;
        const thorough = this.#thorough;
        this.#thorough = false;
        this.#moreDue = false;
        while (!this.#stopped) {
          const room = this.#deps.config.concurrency - this.#window.inFlight;
          if (room <= 0) {
            this.#moreDue = true;
            break;
          }
          if (!(await this.#claimOnce(Math.min(room, this.#deps.config.claimBatchSize), thorough))) break;
        }
      } while (this.#pumpAgain && !this.#stopped);
    } catch (error) {
      this.#claimFailing = true;
      this.#deps.logger.error({ err: error }, "delivery worker could not claim deliveries");
    } finally {
      this.#pumping = false;
    }
  }

  /**
   * One claim and its dispatch. Returns whether another claim may find more: this one was cut short by its
   * limit, or by the per-webhook bound of a webhook whose origin still has room, or (when `thorough`) webhooks
   * became busy and rows behind theirs may be due. Each of those claims makes progress, so the loop ends.
   */
  async #claimOnce(limit: number, thorough: boolean): Promise<boolean> {
    const skipWebhooks = this.#window.busyWebhooks();
    const claimed = await inSpan("hubhooks claim", { "hubhooks.claim.limit": limit }, async (span) => {
      const rows = await claimDueDeliveries(this.#deps.db, this.#deps.dialect, {
        now: Date.now(),
        leaseMs: this.#deps.config.leaseMs,
        limit,
        perWebhook: this.#perWebhook,
        skipWebhooks,
      });
      span?.setAttribute("hubhooks.claimed", rows.length);
      return rows;
    });
    this.#claimFailing = false;
    if (claimed.length === 0) return false;
    const refused = await this.#dispatch(claimed);
    const skipped = new Set(skipWebhooks);
    const busy = new Set(this.#window.busyWebhooks());
    const busyGrew = [...busy].some((id) => !skipped.has(id));
    if (claimed.length === limit) return refused < claimed.length || busyGrew;
    const perWebhook = new Map<string, number>();
    for (const { webhookId } of claimed) perWebhook.set(webhookId, (perWebhook.get(webhookId) ?? 0) + 1);
    const cappedWithRoom = [...perWebhook].some(([id, count]) => count >= this.#perWebhook && !busy.has(id));
    return cappedWithRoom || (thorough && busyGrew);
  }

  /**
   * Starts (or queues behind its origin) each claimed delivery; what its origin cannot take goes back at once,
   * and their number is returned. A delivery that cannot be sent is finished alone; when what the whole claim
   * needs cannot be read, the claim is handed back at once, not after its lease.
   */
  async #dispatch(claimed: ClaimedDelivery[]): Promise<number> {
    const { db, dialect } = this.#deps;
    let targets: Map<string, WebhookTarget>;
    let payloads: Map<string, string>;
    const readAt = Date.now();
    try {
      // Side by side (two pooled connections on PostgreSQL): the claim's sends wait for one round trip, not two.
      [targets, payloads] = await Promise.all([
        loadTargets(db, dialect, [...new Set(claimed.map((d) => d.webhookId))]),
        this.#payloads.payloadsFor(
          claimed.filter((d) => d.payload === "").map((d) => d.eventId),
          (missing) => loadEventPayloads(db, dialect, missing),
        ),
      ]);
    } catch (error) {
      await releaseLeases(db, dialect, claimed).catch(() => {});
      throw error;
    }
    const { jobs, disabled, unbuildable } = jobsOf(claimed, targets, payloads, readAt);
    const refused: ClaimedDelivery[] = [];
    for (const job of jobs) {
      const admission = this.#window.admit(job.origin, job.delivery.webhookId, job);
      if (admission === "refused") refused.push(job.delivery);
      else if (admission === "started") void this.#start(job);
    }
    if (refused.length) await releaseLeases(db, dialect, refused);
    if (disabled.length) {
      this.#deps.metrics.delivery("cancelled", disabled.length);
      await finishUnsent(db, dialect, disabled, { status: "cancelled", reason: DISABLED });
    }
    if (unbuildable.length) {
      this.#deps.logger.error(
        { deliveries: unbuildable.map((d) => d.id) },
        "deliveries failed: the payload of their event is gone",
      );
      this.#deps.metrics.delivery("failed", unbuildable.length);
      await finishUnsent(db, dialect, unbuildable, { status: "failed", reason: UNBUILDABLE });
    }
    return refused.length;
  }

  #run(job: Job): void {
    this.#running.add(job);
    const headers = deliveryHeaders(job.delivery.id, job.secret, {
      secrets: job.signingSecrets,
      body: job.body,
      attempt: job.delivery.attempts + 1,
    });
    // Traced, the attempt continues its ingest's trace (in whichever process made it), and the receiver may
    // continue it too when the operator turned that on.
    const traced = startContinuedSpan("hubhooks attempt", job.delivery.traceparent, {
      "hubhooks.delivery.id": job.delivery.id,
      "hubhooks.webhook.id": job.delivery.webhookId,
      "hubhooks.attempt": job.delivery.attempts + 1,
    });
    if (traced?.traceparent && this.#deps.config.tracePropagation) headers.traceparent = traced.traceparent;
    const sending = sendAttempt(this.#transport, {
      webhookId: job.delivery.webhookId,
      deliveryId: job.delivery.id,
      url: job.url,
      headers,
      body: job.body,
    });
    void sending.then(({ outcome, to }) => {
      this.#running.delete(job);
      const attempt = job.delivery.attempts + 1;
      const delay = nextRetryDelay(attempt, outcome, this.#deps.config);
      logAttempt(this.#deps.logger, job.delivery, attempt, outcome, delay);
      if (traced) endAttemptSpan(traced.span, outcome.statusCode, outcome.error, outcome.ok);
      this.#count(job, outcome, delay === undefined);
      this.#results.add({
        delivery: job.delivery,
        url: to,
        requestHeaders: headers,
        outcome,
        retryAt: delay === undefined ? undefined : Date.now() + delay,
      });
      this.#release(job.origin);
    });
  }

  /** In memory only: the hot path pays no query for its metrics. */
  #count(job: Job, outcome: AttemptOutcome, final: boolean): void {
    const { metrics } = this.#deps;
    metrics.attempt(outcome.statusCode, outcome.durationMs);
    if (job.delivery.attempts === 0) metrics.firstAttempt(job.delivery.createdAt, outcome.startedAt);
    if (outcome.ok) metrics.delivery("delivered");
    else if (final) metrics.delivery("failed");
  }

  /** Frees one slot of `origin`: its next queued job starts, and the window refills when it runs low. */
  #release(origin: string): void {
    const { next, hungry } = this.#window.release(origin);
    if (next) void this.#start(next);
    // Refill in batches: when an origin's queue runs low, or half the window is free while more is due; not
    // one claim per finished attempt.
    if (hungry || (this.#moreDue && this.#window.inFlight <= this.#deps.config.concurrency / 2)) this.#wake(false);
    if (this.#window.size === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }

  /**
   * Starts a job that holds a slot of its origin. One whose webhook was read long ago (it waited for its origin,
   * or its claim's payloads were slow to load) reads it again first: disabled meanwhile, its delivery is
   * cancelled; deleted, it is dropped; moved to another origin, it goes back to be claimed for that one;
   * otherwise it is sent to the URL and secret of now.
   */
  async #start(job: Job): Promise<void> {
    if (Date.now() - job.readAt < RECHECK_AFTER_MS) return this.#run(job);
    this.#running.add(job); // handed back by stop() while it is being checked
    const send = await recheckQueued(this.#deps, job, () => this.#running.delete(job));
    if (send) this.#run(job);
    else this.#release(job.origin);
  }
}
