import type { ServerDeps } from "../core/deps.js";
import { type AttemptResult, writeResults } from "./result-store.js";
import { recordWebhookHealth } from "./webhook-health.js";

const FLUSH_DELAY_MS = 5;

/**
 * Results are written in batches: attempts that finish within a few milliseconds of each other share one
 * transaction (a commit per attempt would cost more than the attempt). The results are already on the
 * receiver's side; a crash before the write only means a repeat after the lease.
 */
export class ResultBatcher {
  readonly #deps: ServerDeps;
  #results: AttemptResult[] = [];
  #flushing: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(deps: ServerDeps) {
    this.#deps = deps;
  }

  add(result: AttemptResult): void {
    this.#results.push(result);
    this.#schedule();
  }

  /** Writes everything buffered now (on shutdown). */
  flushNow(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    return this.#flush();
  }

  #schedule(): void {
    if (this.#results.length >= this.#deps.config.claimBatchSize) {
      void this.flushNow();
    } else if (!this.#timer) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        void this.#flush();
      }, FLUSH_DELAY_MS);
    }
  }

  /** Writes buffered results; one write at a time, and whatever arrives meanwhile goes in the next one. */
  #flush(): Promise<void> {
    // With nothing buffered the loop below would finish synchronously, before `#flushing` is even assigned,
    // and leave a settled promise there that blocks every later flush.
    if (this.#flushing || this.#results.length === 0) return this.#flushing ?? Promise.resolve();
    this.#flushing = this.#writeBuffered().finally(() => {
      this.#flushing = undefined;
      // A result that arrived between the loop's last check and here would otherwise wait for the next one.
      if (this.#results.length > 0) this.#schedule();
    });
    return this.#flushing;
  }

  async #writeBuffered(): Promise<void> {
    const { db, dialect, logger, config, metrics } = this.#deps;
    while (this.#results.length > 0) {
      const batch = this.#results;
      this.#results = [];
      const gone = await writeResults(db, dialect, batch).catch((error: unknown) => {
        logger.error({ err: error, count: batch.length }, "could not record delivery attempts");
        return 0;
      });
      metrics.autoDisabled("gone", gone);
      const failing = await recordWebhookHealth(db, dialect, batch, config.disableFailingAfterMs).catch(
        (error: unknown) => {
          logger.error({ err: error }, "could not record webhook health");
          return 0;
        },
      );
      metrics.autoDisabled("failing", failing);
    }
  }
}
