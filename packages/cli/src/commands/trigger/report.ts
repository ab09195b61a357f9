import type { WebhookInfo } from "@hubhooks/client";
import type { DeliverySummary } from "@hubhooks/schemas";
import { attemptAnswer } from "../describe-delivery.js";

type Credentials = { hubUrl: string; accessToken?: string };

export const plural = (count: number, singular: string, pluralForm = `${singular}s`) =>
  `${count} ${count === 1 ? singular : pluralForm}`;

const LISTED = 20;

/**
 * Each delivery created: its id (for `deliveries info` and `replay`), its webhook, and the webhook's URL when it
 * is the caller's, else a note that it belongs to someone else.
 */
export async function describeMatches(
  credentials: Credentials,
  webhookIds: string[],
  deliveryIds: string[] = [],
): Promise<string[]> {
  const { getWebhook } = await import("@hubhooks/client");
  const lines: string[] = [];
  for (const [index, id] of webhookIds.slice(0, LISTED).entries()) {
    const webhook: WebhookInfo | undefined = await getWebhook({ ...credentials, webhookId: id }).catch(() => undefined);
    const delivery = deliveryIds[index] ? `delivery ${deliveryIds[index]}  ` : "";
    lines.push(`  → ${delivery}webhook ${id}  ${webhook ? (webhook.url ?? "(job)") : "(another user's webhook)"}`);
  }
  if (webhookIds.length > LISTED) lines.push(`  … and ${webhookIds.length - LISTED} more`);
  return lines;
}

export function describeAttempt(delivery: DeliverySummary): string {
  const ok = delivery.status === "delivered";
  const answer = attemptAnswer({
    statusCode: delivery.lastStatusCode,
    error: ok ? null : delivery.lastError,
  });
  const time = delivery.lastDurationMs !== null ? ` in ${delivery.lastDurationMs} ms` : "";
  const retry =
    delivery.status === "pending" && delivery.nextAttemptAt ? `, retrying at ${delivery.nextAttemptAt}` : "";
  return `  ${ok ? "✓" : "✗"} delivery ${delivery.id}  webhook ${delivery.webhookId}  ${delivery.status}: ${answer}${time}${retry}`;
}

/**
 * Waits until each of the caller's matched webhooks has made its first attempt for `eventId` (or `timeoutMs`
 * passes) and returns those deliveries. Other users' webhooks cannot be followed.
 */
export async function waitForAttempts(
  credentials: Credentials,
  eventId: string,
  webhookIds: string[],
  timeoutMs: number,
): Promise<{ settled: DeliverySummary[]; unfinished: string[] }> {
  const { listDeliveries } = await import("@hubhooks/client");
  const deadline = Date.now() + timeoutMs;
  const settled = new Map<string, DeliverySummary>();
  let followed = [...webhookIds];
  while (followed.length > 0 && Date.now() < deadline) {
    for (const webhookId of followed) {
      const page = await listDeliveries({ ...credentials, webhookId, limit: 50 }).catch(() => undefined);
      if (!page) {
        followed = followed.filter((id) => id !== webhookId); // not the caller's: cannot be followed
        continue;
      }
      const delivery = page.deliveries.find((d) => d.eventId === eventId);
      if (delivery && (delivery.attempts > 0 || delivery.status !== "pending")) settled.set(webhookId, delivery);
    }
    followed = followed.filter((id) => !settled.has(id));
    if (followed.length > 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { settled: [...settled.values()], unfinished: followed };
}
