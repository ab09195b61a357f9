/**
 * Watches this process's event loop: a timer asked for every TICK_MS that fires much later means the machine (or
 * this process) was starved, and everything this process stamps — the receivers' arrival times among it — is late
 * by that much. The lateness invariant subtracts such stalls: a delivery is late because of the service, not
 * because the test's own receivers could not run.
 */
export class StallMonitor {
  static readonly TICK_MS = 20;
  /** A tick later than this counts as a stall (ordinary jitter stays under it). */
  static readonly NOTICE_MS = 100;
  readonly #stalls: Array<[number, number]> = [];
  #timer: NodeJS.Timeout | undefined;
  #last = 0;

  start(): void {
    this.#last = Date.now();
    this.#timer = setInterval(() => {
      const now = Date.now();
      if (now - this.#last > StallMonitor.TICK_MS + StallMonitor.NOTICE_MS) this.#stalls.push([this.#last, now]);
      this.#last = now;
    }, StallMonitor.TICK_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** Milliseconds of stall within [from, to]. */
  stalledBetween(from: number, to: number): number {
    let total = 0;
    for (const [start, end] of this.#stalls) total += Math.max(0, Math.min(end, to) - Math.max(start, from));
    return total;
  }
}
