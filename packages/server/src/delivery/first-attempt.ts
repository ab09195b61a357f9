import type { AttemptRow, NewAttemptRow } from "../store/schema.js";
import type { AttemptResult } from "./result-store.js";

/** What `deliveries.first_attempt` holds: the attempt row without what a successful first attempt implies. */
type InRowAttempt = Omit<AttemptRow, "delivery_id" | "attempt" | "trigger" | "error">;

/**
 * A result whose attempt goes in its delivery's row rather than in `attempts`: the first automatic attempt, when it
 * succeeded (most deliveries). Failures, retries and replays keep their attempt rows.
 */
export function recordedInRow(result: AttemptResult): boolean {
  return result.outcome.ok && result.delivery.attempts === 0;
}

export function inRowAttempt(row: NewAttemptRow): string {
  const attempt: InRowAttempt = {
    id: row.id,
    started_at: row.started_at,
    duration_ms: row.duration_ms,
    url: row.url,
    request_headers: row.request_headers,
    status_code: row.status_code ?? null,
    response_headers: row.response_headers,
    response_body: row.response_body,
  };
  return JSON.stringify(attempt);
}

/** The attempts-table row a `first_attempt` column stands for. */
export function attemptFromRow(json: string): Omit<AttemptRow, "delivery_id"> {
  const attempt = JSON.parse(json) as InRowAttempt;
  return { ...attempt, attempt: 1, trigger: "auto", error: null };
}
