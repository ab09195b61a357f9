import { getDelivery, listDeliveries, listWebhooks } from "@hubhooks/client";
import type { DeliveryAttempt, DeliverySummary } from "@hubhooks/schemas";
import type { Cluster } from "./cluster.js";
import type { ModelReceivers } from "./receivers.js";
import type { Journal } from "./run.js";

/** Reads what the service says at the end into the journal: each webhook's state and its whole activity log. */
export async function readActivity(cluster: Cluster, journal: Journal): Promise<void> {
  const owner = () => ({ accessToken: cluster.tokens.owner, hubUrl: cluster.url });

  const webhooks = await listWebhooks(owner());
  const byId = new Map(webhooks.map((w) => [w.id, w]));
  for (const [w, id] of journal.webhookIds.entries()) {
    const info = byId.get(id);
    journal.disabledAtEnd[w] = info?.disabled ?? false;
    journal.disabledReason[w] = info?.disabledReason;
    if (!info) {
      journal.log[w] = undefined;
      continue;
    }
    const all: DeliverySummary[] = [];
    for (let cursor: string | undefined; ; ) {
      const page = await listDeliveries({ ...owner(), webhookId: id, limit: 200, ...(cursor && { cursor }) });
      all.push(...page.deliveries);
      journal.usage[w] ??= page.usage.count;
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    journal.log[w] = all;
  }
}

/** The service's own attempt log of some deliveries (at most `cap`), for a second look at what broke. */
export async function fetchAttemptLogs(
  cluster: Cluster,
  journal: Journal,
  deliveryIds: Iterable<string>,
  cap = 3_000,
): Promise<Map<string, DeliveryAttempt[]>> {
  const webhookOf = new Map<string, string>();
  for (const [w, log] of journal.log.entries())
    for (const d of log ?? []) webhookOf.set(d.id, journal.webhookIds[w] as string);
  const logs = new Map<string, DeliveryAttempt[]>();
  for (const deliveryId of deliveryIds) {
    const webhookId = webhookOf.get(deliveryId);
    if (!webhookId || logs.has(deliveryId)) continue;
    if (logs.size >= cap) break;
    const detail = await readAgain(() =>
      getDelivery({ accessToken: cluster.tokens.owner, hubUrl: cluster.url, webhookId, deliveryId }),
    );
    logs.set(deliveryId, detail.attemptLog);
  }
  return logs;
}

/**
 * A read once more when its connection was closed under it: a kept-alive connection that the server closes
 * as idle while this process stalls is reused here just after (seen on a loaded machine); a GET is safe to repeat.
 */
async function readAgain<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!/other side closed|ECONNRESET|socket/i.test(String(error))) throw error;
    return read();
  }
}

/** Waits until nothing is pending, no recovery runs and no request is open at a receiver, twice in a row. */
export async function settle(cluster: Cluster, receivers: ModelReceivers, journal: Journal): Promise<void> {
  const deadline = Date.now() + 120_000;
  let quiet = 0;
  let last = { pending: 0, recoveries: 0 };
  while (quiet < 2) {
    if (Date.now() > deadline) {
      journal.unfinished = `not quiet after 120 s: ${last.pending} deliveries pending, ${last.recoveries} recoveries running, ${receivers.inFlight} requests open`;
      return;
    }
    await sleep(200);
    last = await cluster.unfinished();
    quiet = last.pending === 0 && last.recoveries === 0 && receivers.inFlight === 0 ? quiet + 1 : 0;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
