export type Admission = "started" | "queued" | "refused";

interface OriginState<T> {
  inFlight: number;
  waiting: T[];
  /** Webhooks whose work came to this origin since it last had room: excluded from claims while it is full. */
  webhooks: Set<string>;
}

/**
 * Bounds attempts in flight per target origin. Over the bound an origin keeps a queue of twice its bound, so
 * its next rounds start without a claim and a refill claim of one bound's worth fits; past that, work is refused
 * and goes back to the database. So an origin that never answers holds its own slots and its queue, never the
 * worker's whole window, and no queued item waits more than two rounds of attempts for its turn (three timeouts
 * in all, 45 s with the defaults: within the 60 s lease; the unbounded queue before could reach the lease).
 */
export class OriginWindow<T> {
  readonly #perOrigin: number;
  /** An origin whose queue is at least its bound long needs no more work: claims skip its webhooks. */
  readonly #full: number;
  readonly #queueLength: number;
  readonly #origins = new Map<string, OriginState<T>>();
  #inFlight = 0;
  #waiting = 0;

  constructor(perOrigin: number) {
    this.#perOrigin = perOrigin;
    this.#full = perOrigin;
    this.#queueLength = 2 * perOrigin;
  }

  /** Attempts running now, over all origins: what counts against the worker's concurrency. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Work accepted but not finished, in flight or queued. */
  get size(): number {
    return this.#inFlight + this.#waiting;
  }

  /** Starts `item` if its origin has a free slot, else queues it if the origin's queue has room, else refuses it. */
  admit(origin: string, webhookId: string, item: T): Admission {
    let state = this.#origins.get(origin);
    if (!state) {
      state = { inFlight: 0, waiting: [], webhooks: new Set() };
      this.#origins.set(origin, state);
    }
    state.webhooks.add(webhookId);
    if (state.inFlight < this.#perOrigin) {
      state.inFlight++;
      this.#inFlight++;
      return "started";
    }
    if (state.waiting.length < this.#queueLength) {
      state.waiting.push(item);
      this.#waiting++;
      return "queued";
    }
    return "refused";
  }

  /**
   * Marks one attempt of `origin` finished. Returns the next queued item of that origin to start, if any, and
   * whether the origin just got room for more work (its webhooks may be claimed again).
   */
  release(origin: string): { next: T | undefined; hungry: boolean } {
    const state = this.#origins.get(origin);
    if (!state) return { next: undefined, hungry: false };
    const wasFull = state.waiting.length >= this.#full;
    const next = state.waiting.shift();
    if (next !== undefined) {
      this.#waiting--;
    } else {
      state.inFlight--;
      this.#inFlight--;
      if (state.inFlight === 0) this.#origins.delete(origin);
    }
    const hungry = wasFull && state.waiting.length < this.#full;
    if (hungry) state.webhooks.clear();
    return { next, hungry };
  }

  /** Webhooks a claim should skip: those seen on origins whose queue holds at least a round. */
  busyWebhooks(): string[] {
    const busy: string[] = [];
    for (const state of this.#origins.values()) {
      if (state.waiting.length >= this.#full) busy.push(...state.webhooks);
    }
    return busy;
  }

  /** Removes and returns every queued item (on shutdown). */
  drain(): T[] {
    const waiting: T[] = [];
    for (const state of this.#origins.values()) waiting.push(...state.waiting.splice(0));
    this.#waiting = 0;
    return waiting;
  }
}
