import {
  DELIVERY_STATUSES,
  DeliveryAttemptSchema,
  DeliveryDetailSchema,
  DeliveryListResponseSchema,
  RecoverBodySchema,
  RecoverySchema,
} from "@hubhooks/schemas";
import { z } from "zod";
import type { RouteDoc } from "../core/route-doc.js";

const BASE = "/api/settings/webhooks/:id";
const delivery = z.object({ delivery: DeliveryDetailSchema.omit({ payload: true }).extend({ payload: z.unknown() }) });
const recovery = { description: "The recovery job", schema: z.object({ recovery: RecoverySchema }) };

/** The activity log, replay and bulk recovery of a webhook (delivery/activity-routes.ts), for its owner only. */
export const activityDocs: RouteDoc[] = [
  {
    method: "get",
    path: `${BASE}/deliveries`,
    auth: "token",
    summary: "A webhook's deliveries, newest first, and its use of the 24 h trigger limit",
    query: {
      status: { schema: z.enum(DELIVERY_STATUSES) },
      limit: { schema: z.number().int().min(1).max(200).default(50) },
      cursor: { schema: z.string(), description: "nextCursor of the previous page" },
    },
    ok: { description: "A page of deliveries", schema: DeliveryListResponseSchema },
    errors: { 404: "Unknown webhook, or another user's" },
  },
  {
    method: "get",
    path: `${BASE}/deliveries/:deliveryId`,
    auth: "token",
    summary: "One delivery: payload, request headers (secret masked) and every attempt",
    ok: { description: "The delivery", schema: delivery },
    errors: { 404: "Unknown webhook or delivery" },
  },
  {
    method: "post",
    path: `${BASE}/deliveries/:deliveryId/replay`,
    auth: "token",
    summary: "Send a delivery again, now, to the webhook's current URL and secret (always sent, even over the limit)",
    ok: {
      description: "The delivery and the replay's attempt",
      schema: delivery.extend({ attempt: DeliveryAttemptSchema }),
    },
    errors: { 404: "Unknown webhook or delivery" },
  },
  {
    method: "post",
    path: `${BASE}/recover`,
    auth: "token",
    summary: "Re-queue every failed, cancelled or rate-limited delivery of a window (a durable, idempotent job)",
    body: RecoverBodySchema,
    ok: { status: 202, ...recovery, description: "A new job (200 with the same job when the window was asked before)" },
    errors: { 404: "Unknown webhook, or another user's" },
  },
  {
    method: "get",
    path: `${BASE}/recover/:jobId`,
    auth: "token",
    summary: "A recovery job's progress",
    ok: recovery,
    errors: { 404: "Unknown webhook or job" },
  },
];
