import type { CredentialsParams, WebhookInfo } from "../types/public.js";
import { setWebhookState } from "./set-webhook-state.js";

export function enableWebhook(params: { webhookId: string } & CredentialsParams): Promise<WebhookInfo> {
  return setWebhookState(params, "enable");
}
