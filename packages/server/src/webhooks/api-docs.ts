import {
  CreateWebhookBodySchema,
  UpdateWebhookBodySchema,
  WebhookListResponseSchema,
  WebhookResponseSchema,
} from "@hubhooks/schemas";
import { z } from "zod";
import type { RouteDoc } from "../core/route-doc.js";

const BASE = "/api/settings/webhooks";
const notFound = { 404: "Unknown webhook, or another user's" };
const webhook = { description: "The webhook", schema: WebhookResponseSchema };
const update = (method: "post" | "patch"): RouteDoc => ({
  method,
  path: `${BASE}/:id`,
  auth: "token",
  summary: method === "post" ? "Update a webhook (as huggingface_hub does; PATCH works too)" : "Update a webhook",
  description: "Only what is given changes; `watched: []` means unchanged.",
  body: UpdateWebhookBodySchema,
  ok: webhook,
  errors: notFound,
});

/** The Hub-compatible `/api/settings/webhooks` routes (webhooks/routes.ts). */
export const webhookDocs: RouteDoc[] = [
  {
    method: "get",
    path: BASE,
    auth: "token",
    summary: "List your webhooks",
    ok: { description: "Your webhooks (a bare array, as on the Hub)", schema: WebhookListResponseSchema },
  },
  {
    method: "post",
    path: BASE,
    auth: "token",
    summary: "Create a webhook",
    body: CreateWebhookBodySchema,
    ok: webhook,
    errors: { 422: "The account has as many webhooks as it may have" },
  },
  { method: "get", path: `${BASE}/:id`, auth: "token", summary: "Get a webhook", ok: webhook, errors: notFound },
  update("post"),
  update("patch"),
  ...(["enable", "disable"] as const).map(
    (action): RouteDoc => ({
      method: "post",
      path: `${BASE}/:id/${action}`,
      auth: "token",
      summary: `${action === "enable" ? "Enable" : "Disable"} a webhook`,
      ok: webhook,
      errors: notFound,
    }),
  ),
  {
    method: "post",
    path: `${BASE}/:id/signing-secret`,
    auth: "token",
    summary: "Turn on Standard Webhooks signatures, or rotate the signing secret (the previous one signs for 24 h)",
    ok: webhook,
    errors: notFound,
  },
  {
    method: "delete",
    path: `${BASE}/:id/signing-secret`,
    auth: "token",
    summary: "Turn signatures off",
    ok: webhook,
    errors: notFound,
  },
  {
    method: "delete",
    path: `${BASE}/:id`,
    auth: "token",
    summary: "Delete a webhook",
    ok: { description: "Deleted", schema: z.object({}) },
    errors: notFound,
  },
];
