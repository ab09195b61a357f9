const WINDOW_MS = 60_000;
/** Keys tracked per window at most: memory stays bounded under a flood from many keys (addresses, tokens). */
const MAX_TRACKED = 100_000;

/**
 * Counts hits per key in fixed one-minute windows, in this process's memory: the counter behind the API, the
 * anonymous and the sign-in limits. Past MAX_TRACKED keys in one window, it starts the window's count over.
 */
export class MinuteCounter {
  #window = 0;
  #counts = new Map<string, number>();

  /** Counts one hit of `key`: its count in this window and the seconds until the next one. */
  hit(key: string, now = Date.now()): { count: number; resetSeconds: number } {
    const window = Math.floor(now / WINDOW_MS);
    if (window !== this.#window || this.#counts.size >= MAX_TRACKED) {
      this.#window = window;
      this.#counts = new Map();
    }
    const count = (this.#counts.get(key) ?? 0) + 1;
    this.#counts.set(key, count);
    return { count, resetSeconds: Math.ceil(((window + 1) * WINDOW_MS - now) / 1000) };
  }
}
