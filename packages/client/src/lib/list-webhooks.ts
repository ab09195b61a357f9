import type { CredentialsParams, WebhookInfo } from "../types/public.js";
import type { ApiWebhookInfo } from "../types/wire.js";
import { hubRequest } from "../utils/hub-request.js";
import { toWebhookInfo } from "../utils/to-webhook-info.js";

/** Every webhook of the token's user. */
export async function listWebhooks(params: CredentialsParams = {}): Promise<WebhookInfo[]> {
  const list = await hubRequest<ApiWebhookInfo[]>(params, "GET", "/api/settings/webhooks");
  return list.map(toWebhookInfo);
}
