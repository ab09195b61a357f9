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
import { isJobSourceOf, jobSpecsOf } from "../core/job-source.js";
import { jobTargetUrl, sourceJobOf } from "../core/job-spec.js";
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

/**
 * The stored target of a create or update: the URL, or `job:<id>` for a webhook that starts a clone of one of the
 * caller's jobs (or their orgs'). Another user's job reads as missing. Undefined: unchanged (update only).
 */
async function targetOf(
  db: ServerDeps["db"],
  accountId: string,
  body: Pick<CreateWebhookBody, "url" | "jobSourceId">,
): Promise<string | undefined> {
  if (body.url && body.jobSourceId) throw apiError(400, "Set url or jobSourceId, not both");
  if (body.url) return body.url;
  if (!body.jobSourceId) return undefined;
  if (!(await isJobSourceOf(db, accountId, body.jobSourceId))) {
    throw apiError(404, "Job not found: jobSourceId must be a job of yours or of one of your orgs");
  }
  return jobTargetUrl(body.jobSourceId);
}

function throwUrlRequired(): never {
  throw apiError(400, "url is required (or jobSourceId, for a webhook that starts a Job)");
}

/** The Hub-compatible `/api/settings/webhooks` management API. */
export function webhookRoutes({ db, apiLimiter, config }: ServerDeps) {
  const specsFor = (records: WebhookRecord[]) =>
    jobSpecsOf(
      db,
      records.map((record) => sourceJobOf(record.url)).filter((id) => id !== undefined),
    );
  const toWire = async (record: WebhookRecord) =>
    toWebhookInfo(record, config.disableFailingAfterMs, await specsFor([record]));
  const app = new Hono<AppEnv>();
  app.use("*", requireAccount(db, apiLimiter));

  app.get("/", async (c) => {
    const webhooks = await listWebhooks(db, c.var.account.id);
    const specs = await specsFor(webhooks);
    return c.json(webhooks.map((record) => toWebhookInfo(record, config.disableFailingAfterMs, specs)));
  });

  app.post("/", async (c) => {
    const body = await readJsonBody(c, CreateWebhookBodySchema);
    const record = await insertWebhook(
      db,
      c.var.account.id,
      {
        url: (await targetOf(db, c.var.account.id, body)) ?? throwUrlRequired(),
        watched: body.watched,
        domains: body.domains,
        secret: body.secret,
      },
      config.maxWebhooksPerAccount,
    );
    return c.json({ webhook: await toWire(record) });
  });

  app.get("/:id", async (c) => {
    const record = await findWebhook(db, c.var.account.id, webhookId(c.req.param("id")));
    if (!record) throw notFound();
    return c.json({ webhook: await toWire(record) });
  });

  // huggingface_hub updates with POST; the seed's spec says PATCH. Both mean "change only what is given".
  const update = async (c: Context<AppEnv, "/:id">) => {
    const id = webhookId(c.req.param("id"));
    const body = await readJsonBody(c, UpdateWebhookBodySchema);
    const record = await updateWebhook(db, c.var.account.id, id, {
      url: await targetOf(db, c.var.account.id, body),
      watched: body.watched,
      domains: body.domains,
      secret: body.secret === undefined ? undefined : body.secret || null,
    });
    if (!record) throw notFound();
    return c.json({ webhook: await toWire(record) });
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
      return c.json({ webhook: await toWire(record) });
    });
  }

  // Standard Webhooks signatures, opt-in: POST turns signing on or rotates the secret, DELETE turns it off.
  app.post("/:id/signing-secret", async (c) => {
    const record = await setSigningSecret(db, c.var.account.id, webhookId(c.req.param("id")), "rotate");
    if (!record) throw notFound();
    return c.json({ webhook: await toWire(record) });
  });
  app.delete("/:id/signing-secret", async (c) => {
    const record = await setSigningSecret(db, c.var.account.id, webhookId(c.req.param("id")), "off");
    if (!record) throw notFound();
    return c.json({ webhook: await toWire(record) });
  });

  app.delete("/:id", async (c) => {
    const deleted = await deleteWebhook(db, c.var.account.id, webhookId(c.req.param("id")));
    if (!deleted) throw notFound();
    return c.json({});
  });

  return app;
}
