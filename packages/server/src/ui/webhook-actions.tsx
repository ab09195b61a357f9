import type { Context, Hono } from "hono";
import type { ServerDeps } from "../core/deps.js";
import { createRecovery, runRecovery } from "../delivery/recovery.js";
import { recordAndNotify } from "../events/ingest.js";
import { TEST_SCOPES, type TestScope, testEventInput } from "../events/test-event.js";
import { setSigningSecret, type WebhookRecord } from "../webhooks/webhook-store.js";
import { redirectWithFlash } from "./flash.js";
import type { UiEnv } from "./session.js";
import type { Session } from "./session-store.js";

type UiContext = Context<UiEnv>;

/** What the page routes share with these: the checked POST, the caller's own webhook, the UI's 404. */
export interface PageHelpers {
  postSession(
    c: UiContext,
  ): Promise<{ s: Session; form: Record<string, string | File | Array<string | File>> } | Response>;
  ownWebhook(s: Session, id: string): Promise<WebhookRecord | undefined>;
  notFound(c: UiContext, what: string): Response | Promise<Response>;
}

/** The one-click actions of a webhook's pages: send a test event, sign or stop signing, redeliver what failed. */
export function registerWebhookActions(
  app: Hono<UiEnv>,
  deps: ServerDeps,
  { postSession, ownWebhook, notFound }: PageHelpers,
) {
  const { db } = deps;
  app.post("/settings/webhooks/:id/test", async (c) => {
    const checked = await postSession(c);
    if (checked instanceof Response) return checked;
    const webhook = await ownWebhook(checked.s, c.req.param("id"));
    if (!webhook) return notFound(c, "Webhook");
    const scope = (TEST_SCOPES as readonly string[]).includes(String(checked.form.scope))
      ? (checked.form.scope as TestScope)
      : "repo.content";
    const input = testEventInput(scope, webhook.watched);
    await recordAndNotify(deps, [input], checked.s.account.id, { id: webhook.id, ownerId: webhook.ownerId });
    const flash = `Test ${scope} event sent: it shows below as soon as it lands.`;
    return redirectWithFlash(c, `/settings/webhooks/${webhook.id}/activity`, flash);
  });

  app.post("/settings/webhooks/:id/signing", async (c) => {
    const checked = await postSession(c);
    if (checked instanceof Response) return checked;
    const off = checked.form.change === "off";
    const webhook = await ownWebhook(checked.s, c.req.param("id"));
    if (!webhook) return notFound(c, "Webhook");
    const updated = await setSigningSecret(db, checked.s.account.id, webhook.id, off ? "off" : "rotate");
    if (!updated) return notFound(c, "Webhook");
    const flash = off
      ? "Deliveries are no longer signed."
      : "Deliveries are signed with the new secret; the previous one, if any, also signs for 24 h.";
    return redirectWithFlash(c, `/settings/webhooks/${updated.id}`, flash);
  });

  app.post("/settings/webhooks/:id/activity/recover", async (c) => {
    const checked = await postSession(c);
    if (checked instanceof Response) return checked;
    const webhook = await ownWebhook(checked.s, c.req.param("id"));
    if (!webhook) return notFound(c, "Webhook");
    const windowMs = Number(checked.form.since);
    const allowed = [3_600_000, 86_400_000, 604_800_000, 1_209_600_000];
    // Whole minutes, so pressing the button twice within one finds the same job instead of making a second.
    const since = Math.floor((Date.now() - (allowed.includes(windowMs) ? windowMs : 86_400_000)) / 60_000) * 60_000;
    const { recovery, created } = await createRecovery(db, webhook.id, { since, until: undefined });
    if (created) void runRecovery(deps, recovery.id);
    const flash = created
      ? "Redelivery started: failed, cancelled and rate-limited deliveries are queued again and show up here as they are sent."
      : "This window is already being redelivered (or was): nothing was queued twice.";
    return redirectWithFlash(c, `/settings/webhooks/${webhook.id}/activity`, flash);
  });
}
