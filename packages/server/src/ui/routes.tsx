import { DEFAULT_DOMAINS, DELIVERY_STATUSES, type DeliveryStatus, WEBHOOK_ID_PATTERN } from "@hubhooks/schemas";
import { type Context, Hono } from "hono";
import { deleteCookie } from "hono/cookie";
import type { ServerDeps } from "../core/deps.js";
import { CapReachedError, errorResponse } from "../core/errors.js";
import { failureWarning } from "../core/failure-warning.js";
import {
  decodeCursor,
  findOwnedWebhook,
  getDelivery,
  listDeliveries,
  triggerUsage,
  webhookHealth,
} from "../delivery/activity-store.js";
import { latestLoopTrip, loopGuardNotice } from "../delivery/loop-trips.js";
import { replayDelivery } from "../delivery/replay.js";
import type { Sender } from "../delivery/sender.js";
import {
  deleteWebhook,
  findWebhook,
  insertWebhook,
  listWebhooks,
  updateWebhook,
  type WebhookRecord,
} from "../webhooks/webhook-store.js";
import { redirectWithFlash, takeFlash } from "./flash.js";
import { formValues, readForm, validateForm } from "./form-input.js";
import { lastDeliveries } from "./last-deliveries.js";
import { ActivityPage } from "./pages/activity.js";
import { DeliveryPage } from "./pages/delivery.js";
import { FormPage } from "./pages/form.js";
import { ListPage } from "./pages/list.js";
import { NotFoundPage } from "./pages/not-found.js";
import { csrfValid, loadSession, SESSION_COOKIE, type UiEnv } from "./session.js";
import { deleteSession, type Session } from "./session-store.js";
import { registerSignIn } from "./signin-routes.js";
import { registerWebhookActions } from "./webhook-actions.js";

type UiContext = Context<UiEnv>;

/**
 * The settings pages: server-rendered, plain forms with post/redirect/get. They use the same stores and schemas
 * as the API, so the UI and the API cannot disagree.
 */
export function uiRoutes(deps: ServerDeps, sender: Sender) {
  const { db } = deps;
  const app = new Hono<UiEnv>();
  app.use("*", loadSession(db));
  const session = (c: UiContext): Session | Response => c.var.session ?? c.redirect("/signin");
  const notFound = (c: UiContext, what: string) => c.html(<NotFoundPage session={c.var.session} what={what} />, 404);
  const ownWebhook = async (s: Session, id: string) =>
    WEBHOOK_ID_PATTERN.test(id) ? findWebhook(db, s.account.id, id) : undefined;
  const webhookDelivery = async (webhookId: string, id: string) =>
    WEBHOOK_ID_PATTERN.test(id) ? getDelivery(db, webhookId, id) : undefined;
  /** The session of a POST whose CSRF token is valid, else a response to send instead. */
  const postSession = async (
    c: UiContext,
  ): Promise<{ s: Session; form: Record<string, string | File | Array<string | File>> } | Response> => {
    const s = session(c);
    if (s instanceof Response) return s;
    const form = await readForm(c);
    if (!csrfValid(s, form._csrf, c.req.header("Origin"), c.req.header("Host"), c.req.header("Sec-Fetch-Site"))) {
      return c.html(<NotFoundPage session={s} what="Form" />, 403);
    }
    return { s, form };
  };

  /** What a webhook's settings page shows of the saved webhook, with or without form errors. */
  const savedWebhookProps = (webhook: WebhookRecord) => ({
    id: webhook.id,
    savedUrl: webhook.url,
    disabled: webhook.disabled,
    disabledReason: webhook.disabledReason,
    failureWarning: failureWarning(webhook.failingSince, deps.config.disableFailingAfterMs),
    signingSecret: webhook.signingSecret,
  });

  app.get("/", (c) => c.redirect("/settings/webhooks"));
  registerSignIn(app, deps);
  app.post("/signout", async (c) => {
    const checked = await postSession(c);
    if (checked instanceof Response) return checked;
    if (c.var.sessionId) await deleteSession(db, c.var.sessionId);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.redirect("/signin", 303);
  });

  app.get("/settings/webhooks", async (c) => {
    const s = session(c);
    if (s instanceof Response) return s;
    const webhooks = await listWebhooks(db, s.account.id);
    const last = await lastDeliveries(
      db,
      webhooks.map((w) => w.id),
    );
    return c.html(<ListPage session={s} webhooks={webhooks} last={last} flash={takeFlash(c)} />);
  });

  app.get("/settings/webhooks/new", (c) => {
    const s = session(c);
    if (s instanceof Response) return s;
    return c.html(
      <FormPage session={s} values={{ url: "", watched: [], domains: [...DEFAULT_DOMAINS], secret: "" }} errors={{}} />,
    );
  });

  app.post("/settings/webhooks", async (c) => {
    const checked = await postSession(c);
    if (checked instanceof Response) return checked;
    const values = formValues(checked.form);
    const result = validateForm(values);
    if ("errors" in result) return c.html(<FormPage session={checked.s} values={values} errors={result.errors} />, 400);
    const { body } = result;
    const created = await insertWebhook(
      db,
      checked.s.account.id,
      {
        url: body.url ?? "",
        watched: body.watched,
        domains: body.domains,
        secret: body.secret,
      },
      deps.config.maxWebhooksPerAccount,
    ).catch((error: unknown) => {
      if (error instanceof CapReachedError) return { cap: error.message };
      throw error;
    });
    if ("cap" in created) {
      return c.html(<FormPage session={checked.s} values={values} errors={{ form: created.cap }} />, 422);
    }
    return redirectWithFlash(c, `/settings/webhooks/${created.id}`, "Webhook created.");
  });

  app.get("/settings/webhooks/:id", async (c) => {
    const s = session(c);
    if (s instanceof Response) return s;
    const webhook = await ownWebhook(s, c.req.param("id"));
    if (!webhook) return notFound(c, "Webhook");
    const values = {
      url: webhook.url,
      watched: webhook.watched,
      domains: webhook.domains,
      secret: webhook.secret ?? "",
    };
    return c.html(
      <FormPage
        session={s}
        {...savedWebhookProps(webhook)}
        details={{
          id: webhook.id,
          createdAt: webhook.createdAt,
          updatedAt: webhook.updatedAt,
          health: await webhookHealth(db, webhook.id),
          usage: await triggerUsage(db, webhook.id, deps.config.rateLimit),
        }}
        values={values}
        errors={{}}
        flash={takeFlash(c)}
      />,
    );
  });

  app.post("/settings/webhooks/:id", async (c) => {
    const checked = await postSession(c);
    if (checked instanceof Response) return checked;
    const webhook = await ownWebhook(checked.s, c.req.param("id"));
    if (!webhook) return notFound(c, "Webhook");
    const values = formValues(checked.form);
    const result = validateForm(values);
    if ("errors" in result)
      return c.html(
        <FormPage session={checked.s} {...savedWebhookProps(webhook)} values={values} errors={result.errors} />,
        400,
      );
    await updateWebhook(db, checked.s.account.id, webhook.id, {
      url: result.body.url,
      watched: result.body.watched,
      domains: result.body.domains ?? [...DEFAULT_DOMAINS],
      secret: result.body.secret || null,
    });
    return redirectWithFlash(c, `/settings/webhooks`, "Webhook saved.");
  });

  for (const [action, disabled] of [
    ["enable", false],
    ["disable", true],
  ] as const) {
    app.post(`/settings/webhooks/:id/${action}`, async (c) => {
      const checked = await postSession(c);
      if (checked instanceof Response) return checked;
      const id = c.req.param("id");
      const updated = WEBHOOK_ID_PATTERN.test(id)
        ? await updateWebhook(db, checked.s.account.id, id, { disabled })
        : undefined;
      if (!updated) return notFound(c, "Webhook");
      // Back to the page the button was on (a path of this UI only), else the webhook's own page.
      const back = String(checked.form.back ?? "");
      const to = /^\/settings\/webhooks\/[\w/-]*$/.test(back) ? back : `/settings/webhooks/${updated.id}`;
      return redirectWithFlash(c, to, `Webhook ${action}d.`);
    });
  }

  registerWebhookActions(app, deps, { postSession, ownWebhook, notFound });

  app.post("/settings/webhooks/:id/delete", async (c) => {
    const checked = await postSession(c);
    if (checked instanceof Response) return checked;
    const id = c.req.param("id");
    const deleted = WEBHOOK_ID_PATTERN.test(id) && (await deleteWebhook(db, checked.s.account.id, id));
    if (!deleted) return notFound(c, "Webhook");
    return redirectWithFlash(c, `/settings/webhooks`, "Webhook deleted.");
  });

  app.get("/settings/webhooks/:id/activity", async (c) => {
    const s = session(c);
    if (s instanceof Response) return s;
    const webhook = await ownWebhook(s, c.req.param("id"));
    if (!webhook) return notFound(c, "Webhook");
    const searched = c.req.query("delivery")?.trim();
    if (searched) {
      const found = WEBHOOK_ID_PATTERN.test(searched) ? await getDelivery(db, webhook.id, searched) : undefined;
      if (found) return c.redirect(`/settings/webhooks/${webhook.id}/activity/${found.id}`, 303);
    }
    const requested = c.req.query("status");
    const status = (DELIVERY_STATUSES as readonly string[]).includes(requested ?? "")
      ? (requested as DeliveryStatus)
      : undefined;
    const rawCursor = c.req.query("cursor");
    const page = await listDeliveries(db, webhook.id, {
      status,
      limit: 50,
      cursor: rawCursor ? decodeCursor(rawCursor) : undefined,
    });
    const usage = await triggerUsage(db, webhook.id, deps.config.rateLimit);
    const trip = await latestLoopTrip(db, webhook.id);
    return c.html(
      <ActivityPage
        loopGuard={trip && { ...loopGuardNotice(trip), at: trip.at }}
        session={s}
        id={webhook.id}
        url={webhook.url}
        {...page}
        status={status}
        usage={usage}
        flash={takeFlash(c)}
        webhookDisabled={webhook.disabled}
        cursor={rawCursor}
        searched={searched || undefined}
      />,
    );
  });

  app.get("/settings/webhooks/:id/activity/:deliveryId", async (c) => {
    const s = session(c);
    if (s instanceof Response) return s;
    const webhook = await ownWebhook(s, c.req.param("id"));
    if (!webhook) return notFound(c, "Webhook");
    const delivery = await webhookDelivery(webhook.id, c.req.param("deliveryId"));
    if (!delivery) return notFound(c, "Delivery");
    return c.html(
      <DeliveryPage session={s} id={webhook.id} url={webhook.url} delivery={delivery} flash={takeFlash(c)} />,
    );
  });

  app.post("/settings/webhooks/:id/activity/:deliveryId/replay", async (c) => {
    const checked = await postSession(c);
    if (checked instanceof Response) return checked;
    const webhook = await ownWebhook(checked.s, c.req.param("id"));
    if (!webhook) return notFound(c, "Webhook");
    const delivery = await webhookDelivery(webhook.id, c.req.param("deliveryId"));
    if (!delivery) return notFound(c, "Delivery");
    const target = await findOwnedWebhook(db, checked.s.account.id, webhook.id);
    if (!target) return notFound(c, "Webhook");
    const attempt = await replayDelivery(db, sender, target, delivery);
    const result = attempt.statusCode === null ? attempt.error : `HTTP ${attempt.statusCode}`;
    const flash = `Replayed to ${attempt.url}: ${result}.`;
    return redirectWithFlash(c, `/settings/webhooks/${webhook.id}/activity/${delivery.id}`, flash);
  });

  // Unknown pages get the UI's 404 page; unknown API paths keep their JSON error.
  app.all("*", (c) =>
    c.req.path.startsWith("/api/")
      ? errorResponse(c, 404, `No route for ${c.req.method} ${c.req.path}`)
      : notFound(c, "Page"),
  );

  return app;
}
