import type { DeliveryHandoff } from "../core/delivery-handoff.js";
import type { ServerDeps } from "../core/deps.js";
import { logAttempt } from "./attempt-log.js";
import { claimDueDeliveries } from "./claim-due.js";
import {
  type ClaimedDelivery,
  finishUnsent,
  loadEventPayloads,
  loadTargets,
  pruneOlderThan,
  releaseLeases,
  type WebhookTarget,
} from "./delivery-store.js";
import { type Job, jobsOf, recheckJob } from "./job.js";
import { OriginWindow } from "./origin-window.js";
import { PayloadCache } from "./payload-cache.js";
import { deliveryHeaders } from "./request-headers.js";
import { ResultBatcher } from "./result-batcher.js";
import { nextRetryDelay } from "./retry.js";
import type { Sender } from "./sender.js";

const PRUNE_INTERVAL_MS = 60 * 60_000;
/** A job queued behind its origin longer than this starts with its webhook as it is then, not as claimed. */
const RECHECK_AFTER_MS = 1_000;
/** Event payloads kept in memory: a fan-out's deliveries share one, so one read serves thousands of sends. */
const PAYLOAD_CACHE_SIZE = 4096;
const DISABLED = "webhook disabled: retries stopped";
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
  readonly #sender: Sender;
  /** Takes the attempts of webhooks that `hubhooks listen --webhook` listens to. */
  readonly #handoff: DeliveryHandoff | undefined;
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
  #timers: NodeJS.Timeout[] = [];
  #unsubscribe: (() => void) | undefined;
  #idle: Array<() => void> = [];

  constructor(deps: ServerDeps, sender: Sender, handoff?: DeliveryHandoff) {
    this.#handoff = handoff;
    this.#deps = deps;
    this.#sender = sender;
    this.#window = new OriginWindow(deps.config.perOriginConcurrency);
    this.#results = new ResultBatcher(deps);
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
    this.#unsubscribe = this.#deps.notifier.subscribe(() => this.wake());
    this.#timers.push(setInterval(() => this.wake(), this.#deps.config.pollIntervalMs));
    this.#timers.push(setInterval(() => void this.#prune(), PRUNE_INTERVAL_MS));
    void this.#prune();
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
    const claimed = await claimDueDeliveries(this.#deps.db, this.#deps.dialect, {
      now: Date.now(),
      leaseMs: this.#deps.config.leaseMs,
      limit,
      perWebhook: this.#perWebhook,
      skipWebhooks,
    });
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
    try {
      targets = await loadTargets(db, dialect, [...new Set(claimed.map((d) => d.webhookId))]);
      payloads = await this.#payloads.payloadsFor(
        claimed.filter((d) => d.payload === "").map((d) => d.eventId),
        (missing) => loadEventPayloads(db, dialect, missing),
      );
    } catch (error) {
      await releaseLeases(db, dialect, claimed).catch(() => {});
      throw error;
    }
    const { jobs, disabled, unbuildable } = jobsOf(claimed, targets, payloads);
    const refused: ClaimedDelivery[] = [];
    for (const job of jobs) {
      const admission = this.#window.admit(job.origin, job.delivery.webhookId, job);
      if (admission === "refused") refused.push(job.delivery);
      else if (admission === "started") this.#run(job);
    }
    if (refused.length) await releaseLeases(db, dialect, refused);
    if (disabled.length) {
      await finishUnsent(db, dialect, disabled, { status: "cancelled", reason: DISABLED });
    }
    if (unbuildable.length) {
      this.#deps.logger.error(
        { deliveries: unbuildable.map((d) => d.id) },
        "deliveries failed: the payload of their event is gone",
      );
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
    const listened = this.#handoff?.takes(job.delivery.webhookId, job.url);
    const sending = listened
      ? (this.#handoff as DeliveryHandoff).send(job.delivery.webhookId, job.delivery.id, headers, job.body, job.url)
      : this.#sender.send(job.url, headers, job.body);
    void sending.then((outcome) => {
      this.#running.delete(job);
      const attempt = job.delivery.attempts + 1;
      const delay = nextRetryDelay(attempt, outcome, this.#deps.config);
      logAttempt(this.#deps.logger, job.delivery, attempt, outcome, delay);
      this.#results.add({
        delivery: job.delivery,
        url: listened ?? job.url,
        requestHeaders: headers,
        outcome,
        retryAt: delay === undefined ? undefined : Date.now() + delay,
      });
      this.#release(job.origin);
    });
  }

  /** Frees one slot of `origin`: its next queued job starts, and the window refills when it runs low. */
  #release(origin: string): void {
    const { next, hungry } = this.#window.release(origin);
    if (next) void this.#startQueued(next);
    // Refill in batches: when an origin's queue runs low, or half the window is free while more is due; not
    // one claim per finished attempt.
    if (hungry || (this.#moreDue && this.#window.inFlight <= this.#deps.config.concurrency / 2)) this.#wake(false);
    if (this.#window.size === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }

  /**
   * Starts a job that waited for its origin. One that waited long reads its webhook again first: disabled
   * meanwhile, its delivery is cancelled; deleted, it is dropped; moved to another origin, it goes back to be
   * claimed for that one; otherwise it is sent to the URL and secret of now.
   */
  async #startQueued(job: Job): Promise<void> {
    if (Date.now() - job.readAt < RECHECK_AFTER_MS) return this.#run(job);
    const { db, dialect, logger } = this.#deps;
    this.#running.add(job); // handed back by stop() while it is being checked
    let target: WebhookTarget | undefined;
    try {
      target = (await loadTargets(db, dialect, [job.delivery.webhookId])).get(job.delivery.webhookId);
    } catch (error) {
      logger.error({ err: error }, "could not read a queued delivery's webhook; sending it as claimed");
      target = { url: job.url, secret: job.secret, signingSecrets: job.signingSecrets, disabled: false };
    }
    this.#running.delete(job);
    const now = recheckJob(job, target);
    if (now === "send") return this.#run(job);
    const unsent =
      now === "cancel"
        ? finishUnsent(db, dialect, [job.delivery], { status: "cancelled", reason: DISABLED })
        : now === "reclaim"
          ? releaseLeases(db, dialect, [job.delivery])
          : Promise.resolve();
    await unsent.catch((error: unknown) => logger.error({ err: error }, "could not hand back a queued delivery"));
    this.#release(job.origin);
  }

  async #prune(): Promise<void> {
    try {
      const removed = await pruneOlderThan(this.#deps.db, Date.now() - this.#deps.config.retentionMs);
      if (removed > 0) this.#deps.logger.info({ removed }, "pruned old deliveries");
    } catch (error) {
      this.#deps.logger.error({ err: error }, "could not prune old deliveries");
    }
  }
}
