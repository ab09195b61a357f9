import type { Context, Hono } from "hono";
import type { ServerDeps } from "../core/deps.js";
import { createRecovery, runRecovery } from "../delivery/recovery.js";
import { recordAndNotify } from "../events/ingest.js";
import { TEST_SCOPES, type TestScope, testEventInput } from "../events/test-event.js";
import { setSigningSecret, type WebhookRecord } from "../webhooks/webhook-store.js";
import { redirectWithFlash } from "./flash.js";
import type { Session } from "./session-store.js";
import type { SignedInEnv } from "./signed-in.js";

/** What the page routes share with these: the caller's own webhook, the UI's 404. */
export interface PageHelpers {
  ownWebhook(s: Session, id: string): Promise<WebhookRecord | undefined>;
  notFound(c: Context, what: string): Response | Promise<Response>;
}

/** The one-click actions of a webhook's pages: send a test event, sign or stop signing, redeliver what failed. */
export function registerWebhookActions(
  settings: Hono<SignedInEnv>,
  deps: ServerDeps,
  { ownWebhook, notFound }: PageHelpers,
) {
  const { db } = deps;
  settings.post("/webhooks/:id/test", async (c) => {
    const { session: s, form } = c.var;
    const webhook = await ownWebhook(s, c.req.param("id"));
    if (!webhook) return notFound(c, "Webhook");
    const scope = (TEST_SCOPES as readonly string[]).includes(String(form.scope))
      ? (form.scope as TestScope)
      : "repo.content";
    const input = testEventInput(scope, webhook.watched);
    await recordAndNotify(deps, [input], s.account.id, { id: webhook.id, ownerId: webhook.ownerId });
    const flash = `Test ${scope} event sent: it shows below as soon as it lands.`;
    return redirectWithFlash(c, `/settings/webhooks/${webhook.id}/activity`, flash);
  });

  settings.post("/webhooks/:id/signing", async (c) => {
    const { session: s, form } = c.var;
    const off = form.change === "off";
    const webhook = await ownWebhook(s, c.req.param("id"));
    if (!webhook) return notFound(c, "Webhook");
    const updated = await setSigningSecret(db, s.account.id, webhook.id, off ? "off" : "rotate");
    if (!updated) return notFound(c, "Webhook");
    const flash = off
      ? "Deliveries are no longer signed."
      : "Deliveries are signed with the new secret; the previous one, if any, also signs for 24 h.";
    return redirectWithFlash(c, `/settings/webhooks/${updated.id}`, flash);
  });

  settings.post("/webhooks/:id/activity/recover", async (c) => {
    const { session: s, form } = c.var;
    const webhook = await ownWebhook(s, c.req.param("id"));
    if (!webhook) return notFound(c, "Webhook");
    const windowMs = Number(form.since);
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
