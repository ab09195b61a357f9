import { type WebhookPayload, WebhookPayloadSchema } from "@hubhooks/schemas";
import { WebhookError } from "./webhook-error.js";

/** Validates a delivery leniently (unknown keys and new scopes pass); 422 with every issue's path otherwise. */
export function parsePayload(body: unknown): WebhookPayload {
  const result = WebhookPayloadSchema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  throw new WebhookError(422, "Invalid webhook payload.", { issues });
}
