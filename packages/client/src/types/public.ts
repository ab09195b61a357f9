import type { Domain, WatchedItem } from "@hubhooks/schemas";

export type { Domain, WatchedItem };

export interface CredentialsParams {
  /** A Hub access token (`hf_…`); defaults to the HF_TOKEN environment variable. */
  accessToken?: string;
  /** Defaults to HF_ENDPOINT, else https://huggingface.co; point it at a hubhooks server to use one. */
  hubUrl?: string;
  /** A custom fetch, e.g. a hubhooks app's `app.fetch` in tests. */
  fetch?: typeof fetch;
}

export interface WebhookInfo {
  id: string;
  /** Null for webhooks that trigger a Job instead of calling a URL. */
  url: string | null;
  watched: WatchedItem[];
  domains: Domain[];
  secret: string | null;
  disabled: boolean;
  /** hubhooks servers: why the service disabled the webhook by itself (e.g. the receiver answered 410 Gone). */
  disabledReason?: string;
  /** hubhooks servers: the Standard Webhooks signing secret (`whsec_…`) when deliveries are signed. */
  signingSecret?: string;
  /** hubhooks servers: since when every attempt has failed. */
  failingSince?: Date;
  /** hubhooks servers: from 50 % of the failing window on, when the webhook will be disabled. */
  failureWarning?: string;
  createdAt?: Date;
  updatedAt?: Date;
}
