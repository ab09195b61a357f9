import { DELIVERY_STATUSES, type DeliveryStatus, KNOWN_SCOPES, WEBHOOK_ID_PATTERN } from "@hubhooks/schemas";
import { type Context, Hono } from "hono";
import { deleteCookie } from "hono/cookie";
import type { ServerDeps } from "../core/deps.js";
import { errorResponse } from "../core/errors.js";
import {
  decodeCursor,
  findOwnedWebhook,
  getDelivery,
  listDeliveries,
  triggerUsage,
} from "../delivery/activity-store.js";
import { latestLoopTrip, loopGuardNotice } from "../delivery/loop-trips.js";
import { replayDelivery } from "../delivery/replay.js";
import type { AttemptTransport } from "../delivery/send-attempt.js";
import { deleteWebhook, findWebhook, listWebhooks, updateWebhook } from "../webhooks/webhook-store.js";
import { redirectWithFlash, takeFlash } from "./flash.js";
import { registerJobPages } from "./job-pages.js";
import { lastDeliveries } from "./last-deliveries.js";
import { ACTIVITY_RANGES, ActivityPage } from "./pages/activity.js";
import { DeliveryPage } from "./pages/delivery.js";
import { ListPage } from "./pages/list.js";
import { NotFoundPage } from "./pages/not-found.js";
import { registerRelayPages } from "./relay-pages.js";
import { repoPages } from "./repo-page.js";
import { sandboxPages } from "./sandbox-pages.js";
import { loadSession, SESSION_COOKIE, type UiEnv } from "./session.js";
import { deleteSession, type Session } from "./session-store.js";
import { requireSignedIn, type SignedInEnv } from "./signed-in.js";
import { registerSignIn } from "./signin-routes.js";
import { registerWebhookActions } from "./webhook-actions.js";
import { registerWebhookForm } from "./webhook-form-routes.js";

/**
 * The settings pages: server-rendered, plain forms with post/redirect/get. They use the same stores and schemas
 * as the API, so the UI and the API cannot disagree.
 */

export function uiRoutes(deps: ServerDeps, transport: AttemptTransport) {
  const { db } = deps;
  const app = new Hono<UiEnv>();
  app.use("*", loadSession(db));
  app.use("/signout", requireSignedIn());
  app.use("/settings/*", requireSignedIn());
  /** Everything under /settings: signed in for sure (the middleware above), and POSTs' forms checked. */
  const settings = new Hono<SignedInEnv>();
  // Signed in or not (the catch-all below serves both), the page shows the session it has.
  const notFound = (c: Context, what: string) =>
    c.html(<NotFoundPage session={c.get("session") as Session | undefined} what={what} />, 404);
  const ownWebhook = async (s: Session, id: string) =>
    WEBHOOK_ID_PATTERN.test(id) ? findWebhook(db, s.account.id, id) : undefined;
  const webhookDelivery = async (webhookId: string, id: string) =>
    WEBHOOK_ID_PATTERN.test(id) ? getDelivery(db, webhookId, id) : undefined;

  app.get("/", (c) => c.redirect("/settings/webhooks"));
  registerSignIn(app, deps);
  registerRelayPages(app, deps);
  registerJobPages(app, deps);
  app.post("/signout", async (c) => {
    if (c.var.sessionId) await deleteSession(db, c.var.sessionId);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.redirect("/signin", 303);
  });

  settings.get("/webhooks", async (c) => {
    const s = c.var.session;
    const webhooks = await listWebhooks(db, s.account.id);
    const last = await lastDeliveries(
      db,
      webhooks.map((w) => w.id),
    );
    return c.html(<ListPage session={s} webhooks={webhooks} last={last} flash={takeFlash(c)} />);
  });

  registerWebhookForm(settings, deps, { ownWebhook, notFound });

  for (const [action, disabled] of [
    ["enable", false],
    ["disable", true],
  ] as const) {
    settings.post(`/webhooks/:id/${action}`, async (c) => {
      const { session: s, form } = c.var;
      const id = c.req.param("id");
      const updated = WEBHOOK_ID_PATTERN.test(id) ? await updateWebhook(db, s.account.id, id, { disabled }) : undefined;
      if (!updated) return notFound(c, "Webhook");
      // Back to the page the button was on (a path of this UI only), else the webhook's own page.
      const back = String(form.back ?? "");
      const to = /^\/settings\/webhooks\/[\w/-]*$/.test(back) ? back : `/settings/webhooks/${updated.id}`;
      return redirectWithFlash(c, to, `Webhook ${action}d.`);
    });
  }

  registerWebhookActions(settings, deps, { ownWebhook, notFound });

  settings.post("/webhooks/:id/delete", async (c) => {
    const s = c.var.session;
    const id = c.req.param("id");
    const deleted = WEBHOOK_ID_PATTERN.test(id) && (await deleteWebhook(db, s.account.id, id));
    if (!deleted) return notFound(c, "Webhook");
    return redirectWithFlash(c, `/settings/webhooks`, "Webhook deleted.");
  });

  settings.get("/webhooks/:id/activity", async (c) => {
    const s = c.var.session;
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
    const scope = (KNOWN_SCOPES as readonly string[]).includes(c.req.query("scope") ?? "")
      ? c.req.query("scope")
      : undefined;
    const range = c.req.query("range") ?? "";
    const rangeMs = ACTIVITY_RANGES[range];
    const page = await listDeliveries(db, webhook.id, {
      status,
      scope,
      since: rangeMs === undefined ? undefined : Date.now() - rangeMs,
      limit: 50,
      cursor: rawCursor ? decodeCursor(rawCursor) : undefined,
      webhookUrl: webhook.url,
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
        scope={scope}
        range={rangeMs === undefined ? undefined : range}
        usage={usage}
        flash={takeFlash(c)}
        webhookDisabled={webhook.disabled}
        cursor={rawCursor}
        searched={searched || undefined}
      />,
    );
  });

  settings.get("/webhooks/:id/activity/:deliveryId", async (c) => {
    const s = c.var.session;
    const webhook = await ownWebhook(s, c.req.param("id"));
    if (!webhook) return notFound(c, "Webhook");
    const delivery = await webhookDelivery(webhook.id, c.req.param("deliveryId"));
    if (!delivery) return notFound(c, "Delivery");
    return c.html(
      <DeliveryPage session={s} id={webhook.id} url={webhook.url} delivery={delivery} flash={takeFlash(c)} />,
    );
  });

  settings.post("/webhooks/:id/activity/:deliveryId/replay", async (c) => {
    const s = c.var.session;
    const webhook = await ownWebhook(s, c.req.param("id"));
    if (!webhook) return notFound(c, "Webhook");
    const delivery = await webhookDelivery(webhook.id, c.req.param("deliveryId"));
    if (!delivery) return notFound(c, "Delivery");
    const target = await findOwnedWebhook(db, s.account.id, webhook.id);
    if (!target) return notFound(c, "Webhook");
    const attempt = await replayDelivery(db, transport, target, delivery);
    const result = attempt.statusCode === null ? attempt.error : `HTTP ${attempt.statusCode}`;
    const flash = `Replayed to ${attempt.url}: ${result}.`;
    return redirectWithFlash(c, `/settings/webhooks/${webhook.id}/activity/${delivery.id}`, flash);
  });

  app.route("/settings", settings);
  // Sandbox repos' pages (and their discussions') come last: a repo's name never hides a page of the UI.
  if (deps.config.sandbox) {
    app.route("/", sandboxPages(deps));
    app.route("/", repoPages(deps));
  }
  // Unknown pages get the UI's 404 page; unknown API paths keep their JSON error.
  app.all("*", (c) =>
    c.req.path.startsWith("/api/")
      ? errorResponse(c, 404, `No route for ${c.req.method} ${c.req.path}`)
      : notFound(c, "Page"),
  );

  return app;
}
