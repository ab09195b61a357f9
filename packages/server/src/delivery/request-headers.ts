import { VERSION } from "../core/version.js";

const USER_AGENT = `hubhooks/${VERSION}`;

/** The headers of a delivery: JSON, our user agent, the stable delivery id, and the secret when there is one. */
export function deliveryHeaders(deliveryId: string, secret: string | null): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    "x-webhook-delivery": deliveryId,
  };
  if (secret) headers["x-webhook-secret"] = secret;
  return headers;
}

/** The same headers as stored in the activity log: the secret never leaves the webhook's settings. */
export function maskedHeaders(headers: Record<string, string>): Record<string, string> {
  return "x-webhook-secret" in headers ? { ...headers, "x-webhook-secret": "********" } : headers;
}
