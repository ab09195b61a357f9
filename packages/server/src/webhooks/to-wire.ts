import type { WebhookInfo } from "@hubhooks/schemas";
import type { WebhookRecord } from "./webhook-store.js";

/** The webhook as the Hub returns it (the secret in clear, as huggingface_hub expects), plus timestamps. */
export function toWebhookInfo(record: WebhookRecord): WebhookInfo {
  return {
    id: record.id,
    url: record.url,
    watched: record.watched.map(({ type, name }) => ({ type, name })),
    domains: record.domains,
    secret: record.secret,
    disabled: record.disabled,
    ...(record.disabledReason && { disabledReason: record.disabledReason }),
    // Shown to the owner like `secret`: they need it to verify signatures.
    ...(record.signingSecret && { signingSecret: record.signingSecret }),
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
}
