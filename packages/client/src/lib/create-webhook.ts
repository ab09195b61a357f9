import type { CredentialsParams, Domain, WatchedItem, WebhookInfo } from "../types/public.js";
import type { ApiWebhookResponse } from "../types/wire.js";
import { hubRequest } from "../utils/hub-request.js";
import { toWebhookInfo } from "../utils/to-webhook-info.js";

export interface CreateWebhookParams extends CredentialsParams {
  /** Where to POST each event; or set `jobId` instead. */
  url?: string;
  /** A job of yours (or of your org's) to clone and start on each event, with the payload in WEBHOOK_PAYLOAD. */
  jobId?: string;
  watched: WatchedItem[];
  /** Defaults to every domain (repo and discussion) on the server. */
  domains?: Domain[];
  /** Sent back as `X-Webhook-Secret` on every delivery. */
  secret?: string;
}

export async function createWebhook(params: CreateWebhookParams): Promise<WebhookInfo> {
  if ((params.url === undefined) === (params.jobId === undefined)) {
    throw new TypeError("createWebhook: set url or jobId, not both");
  }
  const body: Record<string, unknown> = { watched: params.watched.map(({ type, name }) => ({ type, name })) };
  if (params.url !== undefined) body.url = params.url;
  // huggingface_hub sends the job as `jobSourceId`.
  if (params.jobId !== undefined) body.jobSourceId = params.jobId;
  if (params.domains !== undefined) body.domains = params.domains;
  if (params.secret !== undefined) body.secret = params.secret;
  const { webhook } = await hubRequest<ApiWebhookResponse>(params, "POST", "/api/settings/webhooks", body);
  return toWebhookInfo(webhook);
}
