import type { Logger } from "pino";
import type { ClaimedDelivery } from "./delivery-store.js";
import type { AttemptOutcome } from "./sender.js";

/** One log line per attempt: failures at info (with when the next try is due), successes only at debug. */
export function logAttempt(
  logger: Logger,
  delivery: ClaimedDelivery,
  attempt: number,
  outcome: AttemptOutcome,
  delay: number | undefined,
): void {
  const line = {
    webhook: delivery.webhookId,
    delivery: delivery.id,
    attempt,
    status: outcome.statusCode,
    ms: outcome.durationMs,
  };
  if (outcome.ok) {
    if (logger.isLevelEnabled("debug")) logger.debug(line, "delivered");
    return;
  }
  const nextRetry = delay === undefined ? null : new Date(Date.now() + delay).toISOString();
  logger.info(
    { ...line, error: outcome.error, nextRetry },
    nextRetry ? "delivery failed, will retry" : "delivery failed for good",
  );
}
