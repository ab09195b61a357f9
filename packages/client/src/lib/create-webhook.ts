import type { CredentialsParams, Domain, WatchedItem, WebhookInfo } from "../types/public.js";
import type { ApiWebhookResponse } from "../types/wire.js";
import { hubRequest } from "../utils/hub-request.js";
import { toWebhookInfo } from "../utils/to-webhook-info.js";

export interface CreateWebhookParams extends CredentialsParams {
  url: string;
  watched: WatchedItem[];
  /** Defaults to every domain (repo and discussion) on the server. */
  domains?: Domain[];
  /** Sent back as `X-Webhook-Secret` on every delivery. */
  secret?: string;
}

export async function createWebhook(params: CreateWebhookParams): Promise<WebhookInfo> {
  const body: Record<string, unknown> = {
    url: params.url,
    watched: params.watched.map(({ type, name }) => ({ type, name })),
  };
  if (params.domains !== undefined) body.domains = params.domains;
  if (params.secret !== undefined) body.secret = params.secret;
  const { webhook } = await hubRequest<ApiWebhookResponse>(params, "POST", "/api/settings/webhooks", body);
  return toWebhookInfo(webhook);
}
