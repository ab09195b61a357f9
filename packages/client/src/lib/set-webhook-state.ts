import type { CredentialsParams, WebhookInfo } from "../types/public.js";
import type { ApiWebhookResponse } from "../types/wire.js";
import { hubRequest, webhookPath } from "../utils/hub-request.js";
import { toWebhookInfo } from "../utils/to-webhook-info.js";

export async function setWebhookState(
  params: { webhookId: string } & CredentialsParams,
  action: "enable" | "disable",
): Promise<WebhookInfo> {
  const { webhook } = await hubRequest<ApiWebhookResponse>(params, "POST", webhookPath(params.webhookId, `/${action}`));
  return toWebhookInfo(webhook);
}
