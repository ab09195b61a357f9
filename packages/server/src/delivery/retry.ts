import type { DeliveryConfig } from "../core/config.js";
import type { AttemptOutcome } from "./sender.js";

const DAY_MS = 86_400_000;
/** Answers that say the receiver is overloaded or down: back off at least `overloadBackoffMs`. */
const OVERLOADED = new Set([429, 502, 503, 504]);

/** Delay before the retry that follows attempt number `attempt` (1-based), or undefined when none is left. */
export function retryDelay(attempt: number, config: DeliveryConfig, random = Math.random): number | undefined {
  const base = config.retrySchedule[attempt - 1];
  if (base === undefined) return undefined;
  const jitter = 1 + config.retryJitter * (2 * random() - 1);
  return Math.max(0, Math.round(base * jitter));
}

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The delay before the next attempt after `outcome`, or undefined when there is none (schedule exhausted, or
 * 410 Gone, which ends the delivery and disables the webhook). 429, 502, 503, 504 and timeouts wait at least
 * `overloadBackoffMs`; a `Retry-After` on 429 or 503 is honoured, clamped to [the scheduled delay, 24 h].
 */
export function nextRetryDelay(
  attempt: number,
  outcome: AttemptOutcome,
  config: DeliveryConfig,
  now = Date.now(),
  random = Math.random,
): number | undefined {
  if (outcome.ok || outcome.statusCode === 410) return undefined;
  const scheduled = retryDelay(attempt, config, random);
  if (scheduled === undefined) return undefined;
  let delay = scheduled;
  const status = outcome.statusCode;
  if ((status !== null && OVERLOADED.has(status)) || outcome.error === "timed out") {
    delay = Math.max(delay, config.overloadBackoffMs);
  }
  if (status === 429 || status === 503) {
    const retryAfter = parseRetryAfter(outcome.responseHeaders["retry-after"], now);
    if (retryAfter !== undefined) delay = Math.max(delay, retryAfter);
  }
  return Math.min(delay, DAY_MS);
}
