import type { Context } from "hono";
import type { Account } from "../core/account.js";
import { apiError } from "./errors.js";

const WINDOW_MS = 60_000;
/** Client addresses tracked per window at most (memory stays bounded under a flood from many addresses). */
const MAX_TRACKED_ADDRESSES = 100_000;

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
  #window = 0;
  #counts = new Map<string, number>();
  #anonymousWindow = 0;
  #anonymousCounts = new Map<string, number>();

  /** `anonymousPerMinute`: requests without a token (the sandbox's open reads) per client address; 0: none. */
  constructor(settings: ApiRateLimit, anonymousPerMinute = 0) {
    this.#settings = settings;
    this.#anonymousPerMinute = anonymousPerMinute;
  }

  /** Counts a request that sent no token against its client address's window; over the limit, a 429. */
  checkAnonymous(c: Context, address: string, now = Date.now()): void {
    const perMinute = this.#anonymousPerMinute;
    if (perMinute === 0) return;
    const window = Math.floor(now / WINDOW_MS);
    if (window !== this.#anonymousWindow || this.#anonymousCounts.size >= MAX_TRACKED_ADDRESSES) {
      this.#anonymousWindow = window;
      this.#anonymousCounts = new Map();
    }
    const count = (this.#anonymousCounts.get(address) ?? 0) + 1;
    this.#anonymousCounts.set(address, count);
    const reset = Math.ceil(((window + 1) * WINDOW_MS - now) / 1000);
    c.header("X-RateLimit-Limit", String(perMinute));
    c.header("X-RateLimit-Remaining", String(Math.max(0, perMinute - count)));
    c.header("X-RateLimit-Reset", String(reset));
    if (count > perMinute) {
      c.header("Retry-After", String(reset));
      throw apiError(
        429,
        `Rate limit of ${perMinute} requests per minute without a token exceeded for this address; retry in ${reset} s, or send an access token`,
      );
    }
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
