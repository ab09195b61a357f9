import { constantTimeEqual } from "./constant-time-equal.js";
import { WebhookError } from "./webhook-error.js";

/**
 * Checks `X-Webhook-Secret` (or the `?secret=` query parameter the Hub docs suggest) against the configured
 * secret. Runs before the body is read, so unauthenticated callers learn nothing about payload validation.
 */
export function verifySecret(request: Request, secret: string | undefined): void {
  if (!secret) return;
  const given = request.headers.get("x-webhook-secret") ?? new URL(request.url).searchParams.get("secret");
  if (given === null) throw new WebhookError(401, "x-webhook-secret header not set.");
  if (!constantTimeEqual(given, secret)) throw new WebhookError(403, "Invalid webhook secret.");
}
