/** Sign-in attempts per client address and minute: a person retries a few times, a guesser is slowed to a crawl. */
export const SIGNIN_ATTEMPTS_PER_MINUTE = 10;
const WINDOW_MS = 60_000;
/** Addresses tracked per window at most (memory stays bounded under a flood from many addresses). */
const MAX_TRACKED = 100_000;

/** Fixed one-minute windows per client address, in this process's memory; counted before any token lookup. */
export class SignInLimiter {
  #window = 0;
  #counts = new Map<string, number>();

  /** Counts an attempt: undefined when allowed, else the seconds until the next window. */
  attempt(address: string, now = Date.now()): number | undefined {
    const window = Math.floor(now / WINDOW_MS);
    if (window !== this.#window || this.#counts.size >= MAX_TRACKED) {
      this.#window = window;
      this.#counts = new Map();
    }
    const count = (this.#counts.get(address) ?? 0) + 1;
    this.#counts.set(address, count);
    return count > SIGNIN_ATTEMPTS_PER_MINUTE ? Math.ceil(((window + 1) * WINDOW_MS - now) / 1000) : undefined;
  }
}
