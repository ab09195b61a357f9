import type { CredentialsParams, WebhookInfo } from "../types/public.js";
import type { ApiWebhookResponse } from "../types/wire.js";
import { hubRequest, webhookPath } from "../utils/hub-request.js";
import { toWebhookInfo } from "../utils/to-webhook-info.js";

/**
 * Turns on Standard Webhooks signatures for a webhook, or rotates its signing secret (hubhooks servers): the new
 * `signingSecret` is in the answer, and the previous one keeps signing beside it for 24 h.
 */
export async function rotateSigningSecret(params: { webhookId: string } & CredentialsParams): Promise<WebhookInfo> {
  const path = webhookPath(params.webhookId, "/signing-secret");
  const { webhook } = await hubRequest<ApiWebhookResponse>(params, "POST", path);
  return toWebhookInfo(webhook);
}
