import type { Context } from "hono";
import type { Account } from "../core/account.js";
import { apiError } from "./errors.js";
import { MinuteCounter } from "./minute-counter.js";

export interface ApiRateLimit {
  /** Requests per minute and token on the management API and ingest; 0 turns the limit off. */
  perMinute: number;
  /** Publishers (the Hub's side, posting events) are not limited unless this is set. */
  publishers: boolean;
}

/**
 * Fixed one-minute windows per access token, in this process's memory (each API process counts on its own).
 * Every limited answer carries `X-RateLimit-Limit`, `-Remaining` and `-Reset` (seconds); over the limit, a 429
 * with `Retry-After`.
 */
export class ApiRateLimiter {
  readonly #settings: ApiRateLimit;
  readonly #anonymousPerMinute: number;
  readonly #tokens = new MinuteCounter();
  readonly #addresses = new MinuteCounter();

  /** `anonymousPerMinute`: requests without a token (the sandbox's open reads) per client address; 0: none. */
  constructor(settings: ApiRateLimit, anonymousPerMinute = 0) {
    this.#settings = settings;
    this.#anonymousPerMinute = anonymousPerMinute;
  }

  /** Counts a request that sent no token against its client address's window; over the limit, a 429. */
  checkAnonymous(c: Context, address: string, now = Date.now()): void {
    const perMinute = this.#anonymousPerMinute;
    if (perMinute === 0) return;
    limit(
      c,
      perMinute,
      this.#addresses.hit(address, now),
      (reset) =>
        `Rate limit of ${perMinute} requests per minute without a token exceeded for this address; retry in ${reset} s, or send an access token`,
    );
  }

  check(c: Context, token: string, account: Account, now = Date.now()): void {
    const { perMinute, publishers } = this.#settings;
    if (perMinute === 0 || (account.publisher && !publishers)) return;
    limit(
      c,
      perMinute,
      this.#tokens.hit(token, now),
      (reset) => `Rate limit of ${perMinute} requests per minute exceeded for this token; retry in ${reset} s`,
    );
  }
}

/** The X-RateLimit headers of a counted request; over `perMinute`, a 429 with Retry-After and `message`. */
function limit(
  c: Context,
  perMinute: number,
  { count, resetSeconds }: { count: number; resetSeconds: number },
  message: (resetSeconds: number) => string,
): void {
  c.header("X-RateLimit-Limit", String(perMinute));
  c.header("X-RateLimit-Remaining", String(Math.max(0, perMinute - count)));
  c.header("X-RateLimit-Reset", String(resetSeconds));
  if (count > perMinute) {
    c.header("Retry-After", String(resetSeconds));
    throw apiError(429, message(resetSeconds));
  }
}
