import { signatureHeaders } from "../core/signing.js";
import { VERSION } from "../core/version.js";

const USER_AGENT = `hubhooks/${VERSION}`;

/**
 * The headers of a delivery: JSON, our user agent, the delivery id (the same on every retry and replay, so
 * receivers can de-duplicate), the attempt number (a replay is a later attempt), the secret when there is one, and
 * Standard Webhooks signature headers when the webhook signs (`webhook-id` is the same delivery id).
 */
export function deliveryHeaders(
  deliveryId: string,
  secret: string | null,
  signing?: { secrets: string[]; body: string; attempt: number },
): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    "x-webhook-delivery": deliveryId,
  };
  if (signing) headers["x-webhook-attempt"] = String(signing.attempt);
  if (secret) headers["x-webhook-secret"] = secret;
  if (signing && signing.secrets.length > 0)
    Object.assign(headers, signatureHeaders(signing.secrets, deliveryId, signing.body));
  return headers;
}

/** The same headers as stored in the activity log: the secret never leaves the webhook's settings. */
export function maskedHeaders(headers: Record<string, string>): Record<string, string> {
  return "x-webhook-secret" in headers ? { ...headers, "x-webhook-secret": "********" } : headers;
}
