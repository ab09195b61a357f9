import type { Domain, WatchedItem } from "@hubhooks/schemas";
import type { WebhookInfo } from "../types/public.js";
import type { ApiWebhookInfo } from "../types/wire.js";

/** Wire → public: nulls made explicit, "discussions" read as "discussion", dates parsed. */
export function toWebhookInfo(wire: ApiWebhookInfo): WebhookInfo {
  const info: WebhookInfo = {
    id: wire.id,
    url: wire.url ?? null,
    job: wire.job ?? null,
    watched: wire.watched.map(({ type, name }) => ({ type, name }) as WatchedItem),
    domains: wire.domains.map((domain) => (domain === "discussions" ? "discussion" : domain) as Domain),
    secret: wire.secret ?? null,
    disabled: wire.disabled,
  };
  if (wire.disabledReason) info.disabledReason = wire.disabledReason;
  if (wire.signingSecret) info.signingSecret = wire.signingSecret;
  if (wire.failingSince) info.failingSince = new Date(wire.failingSince);
  if (wire.failureWarning) info.failureWarning = wire.failureWarning;
  if (wire.createdAt) info.createdAt = new Date(wire.createdAt);
  if (wire.updatedAt) info.updatedAt = new Date(wire.updatedAt);
  return info;
}
