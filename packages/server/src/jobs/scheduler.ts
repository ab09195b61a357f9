import type { ServerDeps } from "../core/deps.js";
import { lastRunActive, runScheduled } from "./run-scheduled.js";
import { nextRunAfter } from "./schedule.js";
import { dueScheduledJobs, takeDueRun } from "./scheduled-store.js";

const TICK_MS = 1_000;

/**
 * Fires due scheduled jobs, once per due time across every process that runs a scheduler: each due row is moved
 * on to its next due time by one conditional update, and only the process whose update won starts the run. A
 * run missed while no scheduler ran is started once, late; the next due time is counted from now.
 */
export class Scheduler {
  readonly #deps: ServerDeps;
  readonly #lateByMs: number;
  #timer: NodeJS.Timeout | undefined;
  #ticking = false;

  /**
   * `lateByMs`: fire only runs due at least this long ago. A process without a job runner fires late, so that
   * where runners run (on the same PostgreSQL) they take each run first; where none does, the run is still
   * recorded (and fails at once, saying no runner is on), so its owner sees that it fired.
   */
  constructor(deps: ServerDeps, options: { lateByMs?: number } = {}) {
    this.#deps = deps;
    this.#lateByMs = options.lateByMs ?? 0;
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.tick(), TICK_MS);
    void this.tick();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async tick(): Promise<void> {
    if (this.#ticking) return;
    this.#ticking = true;
    try {
      const now = Date.now();
      for (const row of await dueScheduledJobs(this.#deps.db, now - this.#lateByMs, 100)) {
        const due = row.next_run_at as number;
        if (!(await takeDueRun(this.#deps.db, row.id, due, nextRunAfter(row.schedule, now) ?? null))) continue;
        if (row.concurrency === 0 && (await lastRunActive(this.#deps, row))) {
          this.#deps.logger.info({ scheduledJob: row.id }, "scheduled run skipped: the last run is still going");
          continue;
        }
        await runScheduled(this.#deps, row).catch((error: unknown) =>
          this.#deps.logger.warn({ err: error, scheduledJob: row.id }, "could not start a scheduled run"),
        );
      }
    } catch (error) {
      this.#deps.logger.error({ err: error }, "scheduler could not fire due jobs");
    } finally {
      this.#ticking = false;
    }
  }
}
