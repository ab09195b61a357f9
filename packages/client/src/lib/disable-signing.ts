import type { CredentialsParams, WebhookInfo } from "../types/public.js";
import type { ApiWebhookResponse } from "../types/wire.js";
import { hubRequest, webhookPath } from "../utils/hub-request.js";
import { toWebhookInfo } from "../utils/to-webhook-info.js";

/** Stops signing a webhook's deliveries and forgets its signing secrets (hubhooks servers). */
export async function disableSigning(params: { webhookId: string } & CredentialsParams): Promise<WebhookInfo> {
  const path = webhookPath(params.webhookId, "/signing-secret");
  const { webhook } = await hubRequest<ApiWebhookResponse>(params, "DELETE", path);
  return toWebhookInfo(webhook);
}
