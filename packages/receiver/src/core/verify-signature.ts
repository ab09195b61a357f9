import { constantTimeEqual } from "./constant-time-equal.js";
import type { IncomingDelivery } from "./incoming.js";
import { WebhookError } from "./webhook-error.js";

/** How far a `webhook-timestamp` may be from now (Standard Webhooks' recommendation). */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function keyOf(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    const raw = Uint8Array.from(atob(secret.replace(/^whsec_/, "")), (char) => char.charCodeAt(0));
    key = crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keys.set(secret, key);
  }
  return key;
}

function base64(bytes: ArrayBuffer): string {
  let text = "";
  for (const byte of new Uint8Array(bytes)) text += String.fromCharCode(byte);
  return btoa(text);
}

/**
 * Verifies Standard Webhooks headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`) over the raw body,
 * before it is parsed: the timestamp within 5 minutes, one `v1,` signature equal (in constant time) to the
 * HMAC-SHA256 of `id.timestamp.body` under the secret. WebCrypto, so it runs in every fetch runtime.
 */
export async function verifySignature(
  incoming: Pick<IncomingDelivery, "header">,
  body: string,
  secret: string,
  now = Date.now(),
): Promise<void> {
  const id = incoming.header("webhook-id");
  const timestamp = incoming.header("webhook-timestamp");
  const signatures = incoming.header("webhook-signature");
  if (!id || !timestamp || !signatures) {
    throw new WebhookError(401, "Missing webhook-id, webhook-timestamp or webhook-signature header.");
  }
  const seconds = /^\d+$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (!(Math.abs(now / 1000 - seconds) <= SIGNATURE_TOLERANCE_SECONDS)) {
    throw new WebhookError(403, "Webhook timestamp is too old or in the future.");
  }
  const mac = await crypto.subtle.sign("HMAC", await keyOf(secret), encoder.encode(`${id}.${timestamp}.${body}`));
  const expected = base64(mac);
  const valid = signatures.split(" ").some((part) => {
    const [version, signature] = part.split(",", 2);
    return version === "v1" && signature !== undefined && constantTimeEqual(signature, expected);
  });
  if (!valid) throw new WebhookError(403, "Invalid webhook signature.");
}
