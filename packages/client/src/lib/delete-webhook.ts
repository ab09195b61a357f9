import type { CredentialsParams } from "../types/public.js";
import { hubRequest, webhookPath } from "../utils/hub-request.js";

export async function deleteWebhook(params: { webhookId: string } & CredentialsParams): Promise<void> {
  await hubRequest<unknown>(params, "DELETE", webhookPath(params.webhookId));
}
