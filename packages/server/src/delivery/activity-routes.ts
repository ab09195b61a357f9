import { DELIVERY_STATUSES, type DeliveryStatus, RecoverBodySchema, WEBHOOK_ID_PATTERN } from "@hubhooks/schemas";
import { Hono } from "hono";
import { requireAccount } from "../accounts/require-account.js";
import type { AppEnv, ServerDeps } from "../core/deps.js";
import { apiError } from "../core/errors.js";
import { readJsonBody } from "../core/json-body.js";
import { decodeCursor, findOwnedWebhook, getDelivery, listDeliveries, triggerUsage } from "./activity-store.js";
import { latestLoopTrip, loopGuardNotice } from "./loop-trips.js";
import { createRecovery, getRecovery, RECOVERY_MAX_WINDOW_MS, runRecovery, toRecoveryInfo } from "./recovery.js";
import { replayDelivery } from "./replay.js";
import type { AttemptTransport } from "./send-attempt.js";

const notFound = (what: string) => apiError(404, `${what} not found`);

/** `?since=` / `?until=`: an ISO 8601 time or epoch milliseconds, as the recovery body takes. */
function instantParam(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const time = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  // Safe integers only: a 25-digit number would reach PostgreSQL's bigint as out of range (a 500).
  if (!Number.isSafeInteger(time)) throw apiError(400, `${name} must be an ISO 8601 time or epoch milliseconds`);
  return time;
}

/** The activity log of a webhook and Replay, for its owner only (404 for anyone else). */
export function activityRoutes(deps: ServerDeps, transport: AttemptTransport) {
  const { db, config, apiLimiter } = deps;
  const app = new Hono<AppEnv>();
  app.use("*", requireAccount(db, apiLimiter));

  const ownedWebhook = async (ownerId: string, webhookId: string) => {
    const webhook = WEBHOOK_ID_PATTERN.test(webhookId) ? await findOwnedWebhook(db, ownerId, webhookId) : undefined;
    if (!webhook) throw notFound("Webhook");
    return webhook;
  };
  // Delivery and recovery ids are object ids: anything else is not found without a query.
  const ownedDelivery = async (webhookId: string, deliveryId: string) => {
    const found = WEBHOOK_ID_PATTERN.test(deliveryId) ? await getDelivery(db, webhookId, deliveryId) : undefined;
    if (!found) throw notFound("Delivery");
    return found;
  };

  app.get("/:id/deliveries", async (c) => {
    const webhook = await ownedWebhook(c.var.account.id, c.req.param("id"));
    const status = c.req.query("status");
    if (status && !(DELIVERY_STATUSES as readonly string[]).includes(status)) {
      throw apiError(400, `status must be one of ${DELIVERY_STATUSES.join(", ")}`);
    }
    const limit = Number(c.req.query("limit") ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw apiError(400, "limit must be between 1 and 200");
    const rawCursor = c.req.query("cursor");
    const cursor = rawCursor ? decodeCursor(rawCursor) : undefined;
    if (rawCursor && !cursor) throw apiError(400, "cursor is not valid");
    const scope = c.req.query("scope") || undefined;
    if (scope !== undefined && !/^[a-z][a-z.]{0,63}$/.test(scope))
      throw apiError(400, "scope must be like repo.content");
    const since = instantParam(c.req.query("since"), "since");
    const until = instantParam(c.req.query("until"), "until");
    const page = await listDeliveries(db, webhook.id, {
      status: status as DeliveryStatus | undefined,
      scope,
      since,
      until,
      limit,
      cursor,
      webhookUrl: webhook.url,
    });
    const usage = await triggerUsage(db, webhook.id, config.rateLimit);
    const trip = await latestLoopTrip(db, webhook.id);
    return c.json({ ...page, usage, ...(trip && { loopGuard: loopGuardNotice(trip) }) });
  });

  app.get("/:id/deliveries/:deliveryId", async (c) => {
    const webhook = await ownedWebhook(c.var.account.id, c.req.param("id"));
    const found = await ownedDelivery(webhook.id, c.req.param("deliveryId"));
    const { rawPayload: _, ...delivery } = found;
    return c.json({ delivery });
  });

  app.post("/:id/deliveries/:deliveryId/replay", async (c) => {
    const webhook = await ownedWebhook(c.var.account.id, c.req.param("id"));
    const found = await ownedDelivery(webhook.id, c.req.param("deliveryId"));
    const sent = await replayDelivery(db, transport, webhook, found);
    const { rawPayload: _, ...delivery } = (await getDelivery(db, webhook.id, found.id)) ?? found;
    // As the attempt log shows it (a job webhook's replay names the job it started).
    const attempt = delivery.attemptLog.find((logged) => logged.id === sent.id) ?? sent;
    return c.json({ delivery, attempt });
  });

  // Bulk recovery: re-queue what failed, was cancelled or rate limited in a window; durable and idempotent.
  app.post("/:id/recover", async (c) => {
    const webhook = await ownedWebhook(c.var.account.id, c.req.param("id"));
    const body = await readJsonBody(c, RecoverBodySchema);
    const now = Date.now();
    const since = Date.parse(body.since);
    const until = body.until === undefined ? undefined : Date.parse(body.until);
    if (since < now - RECOVERY_MAX_WINDOW_MS) throw apiError(400, "since: must be within the last 14 days");
    if (until !== undefined && until <= since) throw apiError(400, "until: must be after since");
    const { recovery, created } = await createRecovery(db, webhook.id, { since, until });
    if (created) void runRecovery(deps, recovery.id);
    return c.json({ recovery: toRecoveryInfo(recovery) }, created ? 202 : 200);
  });

  app.get("/:id/recover/:jobId", async (c) => {
    const webhook = await ownedWebhook(c.var.account.id, c.req.param("id"));
    const jobId = c.req.param("jobId");
    const job = WEBHOOK_ID_PATTERN.test(jobId) ? await getRecovery(db, webhook.id, jobId) : undefined;
    if (!job) throw notFound("Recovery");
    return c.json({ recovery: toRecoveryInfo(job) });
  });

  return app;
}
