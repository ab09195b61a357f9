/** Bounds attempts in flight per target origin; work over the bound waits its turn in arrival order. */
export class OriginWindow<T> {
  readonly #perOrigin: number;
  readonly #inFlight = new Map<string, number>();
  readonly #waiting = new Map<string, T[]>();
  #size = 0;

  constructor(perOrigin: number) {
    this.#perOrigin = perOrigin;
  }

  /** Work accepted but not finished, in flight or waiting. */
  get size(): number {
    return this.#size;
  }

  /** Returns the item if it may start now; otherwise queues it for `release`. */
  admit(origin: string, item: T): T | undefined {
    this.#size++;
    const running = this.#inFlight.get(origin) ?? 0;
    if (running < this.#perOrigin) {
      this.#inFlight.set(origin, running + 1);
      return item;
    }
    const queue = this.#waiting.get(origin) ?? [];
    queue.push(item);
    this.#waiting.set(origin, queue);
    return undefined;
  }

  /** Marks one item of `origin` finished and returns the next one of that origin to start, if any. */
  release(origin: string): T | undefined {
    this.#size--;
    const next = this.#waiting.get(origin)?.shift();
    if (next !== undefined) return next;
    this.#waiting.delete(origin);
    const running = (this.#inFlight.get(origin) ?? 1) - 1;
    if (running > 0) this.#inFlight.set(origin, running);
    else this.#inFlight.delete(origin);
    return undefined;
  }

  /** Removes and returns every waiting item (on shutdown). */
  drain(): T[] {
    const waiting = [...this.#waiting.values()].flat();
    this.#size -= waiting.length;
    this.#waiting.clear();
    return waiting;
  }
}
