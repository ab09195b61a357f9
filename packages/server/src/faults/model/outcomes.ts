import type { DeliveryAttempt } from "@hubhooks/schemas";
import type { AttemptOutcome } from "../../delivery/sender.js";
import type { Answer, Received } from "./receivers.js";

/** Margins for "later than" and "sent after it was disabled": claims already made may still go out. */
export const SLACK_MS = 250;
export const isOk = (answer: Answer) => typeof answer === "number" && answer >= 200 && answer < 300;

export function outcomeOf(record: Received): AttemptOutcome {
  const { answer } = record;
  return {
    ok: isOk(answer),
    statusCode: typeof answer === "number" ? answer : null,
    responseHeaders: answer === 429 ? { "retry-after": "1" } : {},
    responseBody: "",
    error: answer === "timeout" ? "timed out" : answer === "reset" ? "other side closed" : null,
    startedAt: record.arrivedAt,
    durationMs: record.endedAt - record.arrivedAt,
  };
}

/** An attempt as the service recorded it. */
export function engineOutcome(a: DeliveryAttempt): AttemptOutcome {
  const ok = a.statusCode !== null && a.statusCode >= 200 && a.statusCode < 300;
  return {
    ok,
    statusCode: a.statusCode,
    responseHeaders: a.responseHeaders,
    responseBody: a.responseBody,
    error: a.error,
    startedAt: Date.parse(a.startedAt),
    durationMs: a.durationMs,
  };
}

export const iso = (ms: number) => new Date(ms).toISOString().slice(11, 23);
