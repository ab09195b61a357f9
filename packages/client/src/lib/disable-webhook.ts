import type { CredentialsParams, WebhookInfo } from "../types/public.js";
import { setWebhookState } from "./set-webhook-state.js";

/** Stops deliveries (and pending retries) until the webhook is enabled again. */
export function disableWebhook(params: { webhookId: string } & CredentialsParams): Promise<WebhookInfo> {
  return setWebhookState(params, "disable");
}
