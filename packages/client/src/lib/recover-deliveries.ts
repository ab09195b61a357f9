import type { Recovery } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest, webhookPath } from "../utils/hub-request.js";

export interface RecoverDeliveriesParams extends CredentialsParams {
  webhookId: string;
  /** Start of the window: a Date, an ISO 8601 string or epoch milliseconds (at most 14 days ago). */
  since: Date | string | number;
  /** End of the window; now when omitted. */
  until?: Date | string | number;
}

const instant = (value: Date | string | number) => (value instanceof Date ? value.toISOString() : value);

/**
 * Sends again every delivery of the window that ended failed, cancelled or rate limited (hubhooks servers): a
 * durable job, up to 10 000 deliveries; asking again for the same window returns the same job.
 */
export async function recoverDeliveries(params: RecoverDeliveriesParams): Promise<Recovery> {
  const body = { since: instant(params.since), ...(params.until !== undefined && { until: instant(params.until) }) };
  const { recovery } = await hubRequest<{ recovery: Recovery }>(
    params,
    "POST",
    webhookPath(params.webhookId, "/recover"),
    body,
  );
  return recovery;
}

/** The progress of a recovery job. */
export async function getRecovery(
  params: { webhookId: string; recoveryId: string } & CredentialsParams,
): Promise<Recovery> {
  const path = webhookPath(params.webhookId, `/recover/${encodeURIComponent(params.recoveryId)}`);
  const { recovery } = await hubRequest<{ recovery: Recovery }>(params, "GET", path);
  return recovery;
}
