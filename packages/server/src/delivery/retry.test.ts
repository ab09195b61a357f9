import { describe, expect, it } from "vitest";
import { deliveryConfig } from "../core/config.js";
import { nextRetryDelay, parseRetryAfter } from "./retry.js";
import type { AttemptOutcome } from "./sender.js";

const NOW = Date.parse("2026-11-25T10:00:00Z");
const config = deliveryConfig({ retrySchedule: [5_000, 300_000], retryJitter: 0 });
const answer = (
  statusCode: number | null,
  headers: Record<string, string> = {},
  error: string | null = null,
): AttemptOutcome => ({
  ok: statusCode !== null && statusCode < 300,
  statusCode,
  responseHeaders: headers,
  responseBody: "",
  error: error ?? (statusCode === null ? "timed out" : `HTTP ${statusCode}`),
  startedAt: NOW,
  durationMs: 1,
});

describe("receiver signals", () => {
  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("120", NOW)).toBe(120_000);
    expect(parseRetryAfter("Wed, 25 Nov 2026 10:10:00 GMT", NOW)).toBe(600_000);
    expect(parseRetryAfter("soon", NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });

  it("follows the schedule for plain failures and stops after it, and at once on 410", () => {
    expect(nextRetryDelay(1, answer(500), config, NOW)).toBe(5_000);
    expect(nextRetryDelay(2, answer(500), config, NOW)).toBe(300_000);
    expect(nextRetryDelay(3, answer(500), config, NOW)).toBeUndefined();
    expect(nextRetryDelay(1, answer(410), config, NOW)).toBeUndefined();
    expect(nextRetryDelay(1, answer(200), config, NOW)).toBeUndefined();
  });

  it("backs off at least 60 s after 429, 502, 503, 504 and timeouts", () => {
    for (const status of [429, 502, 503, 504])
      expect(nextRetryDelay(1, answer(status), config, NOW), String(status)).toBe(60_000);
    expect(nextRetryDelay(1, answer(null), config, NOW)).toBe(60_000);
    expect(nextRetryDelay(2, answer(503), config, NOW)).toBe(300_000);
  });

  it("honours Retry-After on 429 and 503, clamped to [the scheduled delay, 24 h]", () => {
    expect(nextRetryDelay(1, answer(429, { "retry-after": "600" }), config, NOW)).toBe(600_000);
    expect(nextRetryDelay(1, answer(503, { "retry-after": "Wed, 25 Nov 2026 11:00:00 GMT" }), config, NOW)).toBe(
      3_600_000,
    );
    expect(nextRetryDelay(2, answer(429, { "retry-after": "1" }), config, NOW)).toBe(300_000);
    expect(nextRetryDelay(1, answer(503, { "retry-after": String(7 * 86_400) }), config, NOW)).toBe(86_400_000);
    // Only 429 and 503 carry a meaningful Retry-After.
    expect(nextRetryDelay(1, answer(500, { "retry-after": "600" }), config, NOW)).toBe(5_000);
  });
});
