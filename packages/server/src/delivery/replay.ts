import type { DeliveryAttempt } from "@hubhooks/schemas";
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import { countAgainstLimit } from "../store/trigger-counts.js";
import { toAttempt } from "./activity-store.js";
import { signingSecretsOf } from "./delivery-store.js";
import { deliveryHeaders } from "./request-headers.js";
import { attemptRow } from "./result-store.js";
import { type AttemptTransport, sendAttempt } from "./send-attempt.js";

/**
 * Sends a stored payload again, now, to the webhook's current URL and secret (as the Hub's Replay button does),
 * or to `hubhooks listen` while one listens to the webhook, and records it as a new attempt. A successful replay marks the delivery delivered; pending retries go on.
 * A failed replay of a delivered delivery leaves it delivered, its last status that of the attempt that got
 * through: the replay is a later attempt the user asked for, and shows with its own status in the attempt log
 * (as GitHub shows a failed redelivery). Replays are allowed over the trigger limit; each delivery counts
 * against the limit once.
 */
export async function replayDelivery(
  db: Kysely<Database>,
  transport: AttemptTransport,
  webhook: Parameters<typeof signingSecretsOf>[0] & { id: string; url: string; secret: string | null },
  delivery: { id: string; status: string; attempts: number; rawPayload: string },
): Promise<DeliveryAttempt> {
  const headers = deliveryHeaders(delivery.id, webhook.secret, {
    secrets: signingSecretsOf(webhook, Date.now()),
    body: delivery.rawPayload,
    attempt: delivery.attempts + 1,
  });
  const { outcome, to } = await sendAttempt(transport, {
    webhookId: webhook.id,
    deliveryId: delivery.id,
    url: webhook.url,
    headers,
    body: delivery.rawPayload,
  });
  const row = attemptRow(delivery.id, delivery.attempts + 1, "replay", to, headers, outcome);
  const status = outcome.ok ? "delivered" : delivery.status === "pending" ? "pending" : "failed";
  const keepsOutcome = !outcome.ok && delivery.status === "delivered";
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("attempts").values(row).execute();
    await trx
      .updateTable("deliveries")
      .set((eb) => ({
        attempts: eb("attempts", "+", 1),
        ...(outcome.ok && { next_attempt_at: null, lease_token: null, leased_until: null }),
        ...(!keepsOutcome && {
          status,
          last_status_code: outcome.statusCode,
          last_error: outcome.error,
          last_duration_ms: outcome.durationMs,
        }),
        updated_at: Date.now(),
      }))
      .where("id", "=", delivery.id)
      .execute();
    // A replay is a trigger the user asked for: it is always sent, and a delivery that was over the limit
    // (not counted yet) counts against the window from now on.
    await countAgainstLimit(trx, [delivery.id]);
  });
  return toAttempt({ ...row, status_code: row.status_code ?? null, error: row.error ?? null });
}
