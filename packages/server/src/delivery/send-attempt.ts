import type { DeliveryHandoff, HandoffOutcome } from "../core/delivery-handoff.js";
import type { Sender } from "./sender.js";

/** Where a webhook's attempts go: its URL through the sender, or `hubhooks listen` while one listens to it. */
export interface AttemptTransport {
  sender: Sender;
  handoff?: DeliveryHandoff | undefined;
}

/**
 * Makes one attempt where the webhook's attempts go now, the worker's and a replay's alike: a job webhook starts
 * its Job, a webhook that `hubhooks listen --webhook` listens to goes to the listener, else a POST to the URL. Returns the outcome and where it
 * went, as the attempt log names it.
 */
export async function sendAttempt(
  transport: AttemptTransport,
  attempt: { webhookId: string; deliveryId: string; url: string; headers: Record<string, string>; body: string },
): Promise<{ outcome: HandoffOutcome; to: string }> {
  const { handoff, sender } = transport;
  const listened = handoff?.takes(attempt.webhookId, attempt.url);
  if (listened && handoff) {
    const outcome = await handoff.send(
      attempt.webhookId,
      attempt.deliveryId,
      attempt.headers,
      attempt.body,
      attempt.url,
    );
    return { outcome, to: listened };
  }
  return { outcome: await sender.send(attempt.url, attempt.headers, attempt.body), to: attempt.url };
}
