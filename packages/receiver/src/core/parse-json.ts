import { WebhookError } from "./webhook-error.js";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new WebhookError(400, "Payload is not valid JSON.");
  }
}

export function payloadTooLarge(maxBytes: number): WebhookError {
  return new WebhookError(413, `Payload is larger than ${maxBytes} bytes.`);
}
