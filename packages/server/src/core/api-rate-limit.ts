import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { Kysely } from "kysely";
import type { Account } from "../core/account.js";
import { countHit, pruneHitsBefore } from "../store/minute-counts.js";
import type { Database } from "../store/schema.js";
import { clientAddress } from "./client-address.js";
import { apiError } from "./errors.js";
import { MinuteCounter } from "./minute-counter.js";

const WINDOW_MS = 60_000;

export interface ApiRateLimit {
  /** Requests per minute and token on the management API and ingest; 0 turns the limit off. */
  perMinute: number;
  /** Publishers (the Hub's side, posting events) are not limited unless this is set. */
  publishers: boolean;
}

/** Counts one hit of a key in the current one-minute window: its count there, and the seconds left of it. */
export type HitCounter = (key: string, now: number) => Promise<{ count: number; resetSeconds: number }>;

/** One process's memory: SQLite serves one process, so its counts are all there is. */
export function memoryHits(): HitCounter {
  const counter = new MinuteCounter();
  return async (key, now) => counter.hit(key, now);
}

/**
 * The database's: every API process on one PostgreSQL counts in the same rows, so N processes still allow the
 * limit once, not N times. One upsert per limited request; the windows before the last are dropped once a
 * minute, by whichever process first counts in a new window.
 */
export function databaseHits(db: Kysely<Database>, onError: (error: unknown) => void): HitCounter {
  let pruned = 0;
  return async (key, now) => {
    const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
    if (windowStart > pruned) {
      pruned = windowStart;
      void pruneHitsBefore(db, windowStart - WINDOW_MS).catch(onError);
    }
    const count = await countHit(db, key, windowStart);
    return { count, resetSeconds: Math.ceil((windowStart + WINDOW_MS - now) / 1000) };
  };
}

/** Tokens are never stored: their counts are kept under a digest. */
const tokenKey = (token: string) => `t:${createHash("sha256").update(token).digest("base64url")}`;

/**
 * Fixed one-minute windows per access token (and per client address for requests without one). Every limited
 * answer carries `X-RateLimit-Limit`, `-Remaining` and `-Reset` (seconds); over the limit, a 429 with
 * `Retry-After`.
 */
export class ApiRateLimiter {
  readonly #settings: ApiRateLimit;
  readonly #anonymousPerMinute: number;
  readonly #hits: HitCounter;
  readonly #onLimited: (limit: "token" | "anonymous") => void;
  readonly #trustedProxies: readonly string[];

  /**
   * `anonymousPerMinute`: requests without a token (the sandbox's open reads) per client address; 0: none.
   * `hits`: where counts live (this process's memory unless given). `onLimited` hears of every 429 (/metrics).
   * `trustedProxies`: whose `X-Forwarded-For` names the client address (see `clientAddress`).
   */
  constructor(
    settings: ApiRateLimit,
    anonymousPerMinute = 0,
    options: {
      hits?: HitCounter;
      onLimited?: (limit: "token" | "anonymous") => void;
      trustedProxies?: readonly string[];
    } = {},
  ) {
    this.#settings = settings;
    this.#anonymousPerMinute = anonymousPerMinute;
    this.#hits = options.hits ?? memoryHits();
    this.#onLimited = options.onLimited ?? (() => {});
    this.#trustedProxies = options.trustedProxies ?? [];
  }

  /** Counts a request that sent no token against its client address's window; over the limit, a 429. */
  async checkAnonymous(c: Context, now = Date.now()): Promise<void> {
    const perMinute = this.#anonymousPerMinute;
    if (perMinute === 0) return;
    const hit = await this.#hits(`a:${clientAddress(c, this.#trustedProxies)}`, now);
    if (limit(c, perMinute, hit)) return;
    this.#onLimited("anonymous");
    throw apiError(
      429,
      `Rate limit of ${perMinute} requests per minute without a token exceeded for this address; retry in ${hit.resetSeconds} s, or send an access token`,
    );
  }

  /** Counts a sign-in attempt against its client address's window: undefined when allowed, else the seconds left. */
  async checkSignIn(c: Context, perMinute: number, now = Date.now()): Promise<number | undefined> {
    const { count, resetSeconds } = await this.#hits(`s:${clientAddress(c, this.#trustedProxies)}`, now);
    return count > perMinute ? resetSeconds : undefined;
  }

  async check(c: Context, token: string, account: Account, now = Date.now()): Promise<void> {
    const { perMinute, publishers } = this.#settings;
    if (perMinute === 0 || (account.publisher && !publishers)) return;
    const hit = await this.#hits(tokenKey(token), now);
    if (limit(c, perMinute, hit)) return;
    this.#onLimited("token");
    throw apiError(
      429,
      `Rate limit of ${perMinute} requests per minute exceeded for this token; retry in ${hit.resetSeconds} s`,
    );
  }
}

/** Sets the X-RateLimit headers of a counted request; false (Retry-After set too) when it is over `perMinute`. */
function limit(c: Context, perMinute: number, { count, resetSeconds }: { count: number; resetSeconds: number }) {
  c.header("X-RateLimit-Limit", String(perMinute));
  c.header("X-RateLimit-Remaining", String(Math.max(0, perMinute - count)));
  c.header("X-RateLimit-Reset", String(resetSeconds));
  if (count <= perMinute) return true;
  c.header("Retry-After", String(resetSeconds));
  return false;
}
