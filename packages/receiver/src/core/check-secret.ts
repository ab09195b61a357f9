import { constantTimeEqual } from "./constant-time-equal.js";
import type { IncomingDelivery } from "./incoming.js";
import { WebhookError } from "./webhook-error.js";

/**
 * Checks `X-Webhook-Secret` (or `?secret=`) against the configured secret, in constant time, before any byte of
 * the body is read, so unauthenticated callers learn nothing about payload validation.
 */
export function checkSecret(
  incoming: Pick<IncomingDelivery, "header" | "querySecret">,
  secret: string | undefined,
): void {
  if (!secret) return;
  const given = incoming.header("x-webhook-secret") ?? incoming.querySecret();
  if (given === undefined) throw new WebhookError(401, "x-webhook-secret header not set.");
  if (!constantTimeEqual(given, secret)) throw new WebhookError(403, "Invalid webhook secret.");
}
