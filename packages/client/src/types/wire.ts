/** A webhook as the API returns it (the Hub may add keys; they are ignored). */
export interface ApiWebhookInfo {
  id: string;
  url?: string | null;
  watched: Array<{ type: string; name: string }>;
  domains: string[];
  secret?: string | null;
  disabled: boolean;
  disabledReason?: string;
  signingSecret?: string;
  failingSince?: string;
  failureWarning?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface ApiWebhookResponse {
  webhook: ApiWebhookInfo;
}
