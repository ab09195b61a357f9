import { MinuteCounter } from "../core/minute-counter.js";

/** Sign-in attempts per client address and minute: a person retries a few times, a guesser is slowed to a crawl. */
export const SIGNIN_ATTEMPTS_PER_MINUTE = 10;

/** Fixed one-minute windows per client address, in this process's memory; counted before any token lookup. */
export class SignInLimiter {
  readonly #attempts = new MinuteCounter();

  /** Counts an attempt: undefined when allowed, else the seconds until the next window. */
  attempt(address: string, now = Date.now()): number | undefined {
    const { count, resetSeconds } = this.#attempts.hit(address, now);
    return count > SIGNIN_ATTEMPTS_PER_MINUTE ? resetSeconds : undefined;
  }
}
