import type { Context } from "hono";
import type { Account } from "../core/account.js";
import { apiError } from "./errors.js";

const WINDOW_MS = 60_000;

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
  #window = 0;
  #counts = new Map<string, number>();

  constructor(settings: ApiRateLimit) {
    this.#settings = settings;
  }

  check(c: Context, token: string, account: Account, now = Date.now()): void {
    const { perMinute, publishers } = this.#settings;
    if (perMinute === 0 || (account.publisher && !publishers)) return;
    const window = Math.floor(now / WINDOW_MS);
    if (window !== this.#window) {
      this.#window = window;
      this.#counts = new Map();
    }
    const count = (this.#counts.get(token) ?? 0) + 1;
    this.#counts.set(token, count);
    const reset = Math.ceil(((window + 1) * WINDOW_MS - now) / 1000);
    c.header("X-RateLimit-Limit", String(perMinute));
    c.header("X-RateLimit-Remaining", String(Math.max(0, perMinute - count)));
    c.header("X-RateLimit-Reset", String(reset));
    if (count > perMinute) {
      c.header("Retry-After", String(reset));
      throw apiError(
        429,
        `Rate limit of ${perMinute} requests per minute exceeded for this token; retry in ${reset} s`,
      );
    }
  }
}
