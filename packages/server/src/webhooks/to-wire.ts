import type { WebhookInfo } from "@hubhooks/schemas";
import { failureWarning } from "../core/failure-warning.js";
import type { WebhookRecord } from "./webhook-store.js";

/**
 * The webhook as the Hub returns it (the secret in clear, as huggingface_hub expects), plus timestamps and what
 * hubhooks adds: why it was disabled, the signing secret, and how long it has been failing.
 */
export function toWebhookInfo(record: WebhookRecord, disableFailingAfterMs?: number): WebhookInfo {
  const warning =
    disableFailingAfterMs === undefined ? undefined : failureWarning(record.failingSince, disableFailingAfterMs);
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
    ...(record.failingSince !== null && { failingSince: new Date(record.failingSince).toISOString() }),
    ...(warning && { failureWarning: warning }),
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
}
