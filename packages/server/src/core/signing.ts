import { createHmac, randomBytes } from "node:crypto";

/** How long a rotated-out signing secret keeps signing beside the new one. */
export const SIGNING_ROTATION_OVERLAP_MS = 24 * 60 * 60_000;
const PREFIX = "whsec_";

/** A Standard Webhooks secret: `whsec_` and the base64 of 24 random bytes. */
export function newSigningSecret(): string {
  return PREFIX + randomBytes(24).toString("base64");
}

/** `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, keyed with the secret's decoded bytes (Standard Webhooks). */
export function signPayload(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** The three Standard Webhooks headers, signed with every secret still valid (two during a rotation). */
export function signatureHeaders(
  secrets: string[],
  id: string,
  body: string,
  now = Date.now(),
): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": secrets.map((secret) => signPayload(secret, id, timestamp, body)).join(" "),
  };
}
