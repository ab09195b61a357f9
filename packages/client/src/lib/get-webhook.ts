import type { CredentialsParams, WebhookInfo } from "../types/public.js";
import type { ApiWebhookResponse } from "../types/wire.js";
import { hubRequest, webhookPath } from "../utils/hub-request.js";
import { toWebhookInfo } from "../utils/to-webhook-info.js";

export async function getWebhook(params: { webhookId: string } & CredentialsParams): Promise<WebhookInfo> {
  const { webhook } = await hubRequest<ApiWebhookResponse>(params, "GET", webhookPath(params.webhookId));
  return toWebhookInfo(webhook);
}
