import type { JobSpecWire, WebhookInfo } from "@hubhooks/schemas";
import { failureWarning } from "../core/failure-warning.js";
import { sourceJobOf } from "../core/job-spec.js";
import type { WebhookRecord } from "./webhook-store.js";

/**
 * The webhook as the Hub returns it (the secret in clear, as huggingface_hub expects), plus timestamps and what
 * hubhooks adds: why it was disabled, the signing secret, and how long it has been failing.
 */
export function toWebhookInfo(
  record: WebhookRecord,
  disableFailingAfterMs?: number,
  jobSpecs?: Map<string, JobSpecWire>,
): WebhookInfo {
  const sourceJob = sourceJobOf(record.url);
  const warning =
    disableFailingAfterMs === undefined ? undefined : failureWarning(record.failingSince, disableFailingAfterMs);
  return {
    id: record.id,
    // A webhook that starts a Job has no URL, and its job's spec instead (as the Hub answers).
    url: sourceJob ? null : record.url,
    ...(sourceJob && { job: jobSpecs?.get(sourceJob) ?? null }),
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
