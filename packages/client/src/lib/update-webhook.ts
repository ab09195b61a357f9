import type { CredentialsParams, Domain, WatchedItem, WebhookInfo } from "../types/public.js";
import type { ApiWebhookResponse } from "../types/wire.js";
import { hubRequest, webhookPath } from "../utils/hub-request.js";
import { toWebhookInfo } from "../utils/to-webhook-info.js";

export interface UpdateWebhookParams extends CredentialsParams {
  webhookId: string;
  url?: string;
  /** Replaces the whole watched list. */
  watched?: WatchedItem[];
  domains?: Domain[];
  /** An empty string removes the secret on a hubhooks server. */
  secret?: string;
}

/** Changes only the fields given; the others keep their values. */
export async function updateWebhook(params: UpdateWebhookParams): Promise<WebhookInfo> {
  const body: Record<string, unknown> = {};
  if (params.url !== undefined) body.url = params.url;
  if (params.watched !== undefined) body.watched = params.watched.map(({ type, name }) => ({ type, name }));
  if (params.domains !== undefined) body.domains = params.domains;
  if (params.secret !== undefined) body.secret = params.secret;
  // POST, not PATCH: the method huggingface_hub uses, which the Hub is known to accept.
  const { webhook } = await hubRequest<ApiWebhookResponse>(params, "POST", webhookPath(params.webhookId), body);
  return toWebhookInfo(webhook);
}
