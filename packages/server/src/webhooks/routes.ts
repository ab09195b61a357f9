import {
  type CreateWebhookBody,
  CreateWebhookBodySchema,
  UpdateWebhookBodySchema,
  WEBHOOK_ID_PATTERN,
} from "@hubhooks/schemas";
import { type Context, Hono } from "hono";
import { requireAccount } from "../accounts/require-account.js";
import type { AppEnv, ServerDeps } from "../core/deps.js";
import { apiError } from "../core/errors.js";
import { readJsonBody } from "../core/json-body.js";
import { toWebhookInfo } from "./to-wire.js";
import {
  deleteWebhook,
  findWebhook,
  insertWebhook,
  listWebhooks,
  setSigningSecret,
  updateWebhook,
  type WebhookRecord,
} from "./webhook-store.js";

// Unknown ids and other users' ids get the same answer, so a webhook's existence is never revealed.
const notFound = () => apiError(404, "Webhook not found");

function webhookId(id: string): string {
  if (!WEBHOOK_ID_PATTERN.test(id)) throw notFound();
  return id;
}

function targetUrl(body: CreateWebhookBody): string {
  if (body.url) return body.url;
  if (body.jobSourceId) throw apiError(400, "Webhooks that trigger Jobs are not supported by this server: set url");
  throw apiError(400, "url is required");
}

/** The Hub-compatible `/api/settings/webhooks` management API. */
export function webhookRoutes({ db, apiLimiter, config }: ServerDeps) {
  const toWire = (record: WebhookRecord) => toWebhookInfo(record, config.disableFailingAfterMs);
  const app = new Hono<AppEnv>();
  app.use("*", requireAccount(db, apiLimiter));

  app.get("/", async (c) => {
    const webhooks = await listWebhooks(db, c.var.account.id);
    return c.json(webhooks.map((record) => toWire(record)));
  });

  app.post("/", async (c) => {
    const body = await readJsonBody(c, CreateWebhookBodySchema);
    const record = await insertWebhook(
      db,
      c.var.account.id,
      {
        url: targetUrl(body),
        watched: body.watched,
        domains: body.domains,
        secret: body.secret,
      },
      config.maxWebhooksPerAccount,
    );
    return c.json({ webhook: toWire(record) });
  });

  app.get("/:id", async (c) => {
    const record = await findWebhook(db, c.var.account.id, webhookId(c.req.param("id")));
    if (!record) throw notFound();
    return c.json({ webhook: toWire(record) });
  });

  // huggingface_hub updates with POST; the seed's spec says PATCH. Both mean "change only what is given".
  const update = async (c: Context<AppEnv, "/:id">) => {
    const id = webhookId(c.req.param("id"));
    const body = await readJsonBody(c, UpdateWebhookBodySchema);
    const record = await updateWebhook(db, c.var.account.id, id, {
      url: body.url,
      watched: body.watched,
      domains: body.domains,
      secret: body.secret === undefined ? undefined : body.secret || null,
    });
    if (!record) throw notFound();
    return c.json({ webhook: toWire(record) });
  };
  app.post("/:id", update);
  app.patch("/:id", update);

  for (const [action, disabled] of [
    ["enable", false],
    ["disable", true],
  ] as const) {
    app.post(`/:id/${action}`, async (c) => {
      const record = await updateWebhook(db, c.var.account.id, webhookId(c.req.param("id")), { disabled });
      if (!record) throw notFound();
      return c.json({ webhook: toWire(record) });
    });
  }

  // Standard Webhooks signatures, opt-in: POST turns signing on or rotates the secret, DELETE turns it off.
  app.post("/:id/signing-secret", async (c) => {
    const record = await setSigningSecret(db, c.var.account.id, webhookId(c.req.param("id")), "rotate");
    if (!record) throw notFound();
    return c.json({ webhook: toWire(record) });
  });
  app.delete("/:id/signing-secret", async (c) => {
    const record = await setSigningSecret(db, c.var.account.id, webhookId(c.req.param("id")), "off");
    if (!record) throw notFound();
    return c.json({ webhook: toWire(record) });
  });

  app.delete("/:id", async (c) => {
    const deleted = await deleteWebhook(db, c.var.account.id, webhookId(c.req.param("id")));
    if (!deleted) throw notFound();
    return c.json({});
  });

  return app;
}
