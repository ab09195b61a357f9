import { DEFAULT_DOMAINS } from "@hubhooks/schemas";
import type { Hono } from "hono";
import type { ServerDeps } from "../core/deps.js";
import { CapReachedError } from "../core/errors.js";
import { failureWarning } from "../core/failure-warning.js";
import { triggerUsage, webhookHealth } from "../delivery/activity-store.js";
import { insertWebhook, updateWebhook, type WebhookRecord } from "../webhooks/webhook-store.js";
import { redirectWithFlash, takeFlash } from "./flash.js";
import { formValues, validateForm } from "./form-input.js";
import { formTarget, jobFormProps, NO_SUCH_JOB, savedFormValues } from "./job-target.js";
import { FormPage } from "./pages/form.js";
import type { SignedInEnv } from "./signed-in.js";
import type { PageHelpers } from "./webhook-actions.js";

/** The webhook form: a new webhook, a saved one's settings page, and their saves (post/redirect/get). */
export function registerWebhookForm(
  settings: Hono<SignedInEnv>,
  deps: ServerDeps,
  { ownWebhook, notFound }: PageHelpers,
) {
  const { db } = deps;
  /** What a webhook's settings page shows of the saved webhook, with or without form errors. */
  const savedFormProps = async (webhook: WebhookRecord) => ({
    id: webhook.id,
    savedUrl: webhook.url,
    disabled: webhook.disabled,
    disabledReason: webhook.disabledReason,
    failureWarning: failureWarning(webhook.failingSince, deps.config.disableFailingAfterMs),
    signingSecret: webhook.signingSecret,
    ...(await jobFormProps(db, webhook.ownerId, webhook.url)),
  });

  settings.get("/webhooks/new", async (c) => {
    const s = c.var.session;
    return c.html(
      <FormPage
        session={s}
        values={{ target: "url", url: "", jobId: "", watched: [], domains: [...DEFAULT_DOMAINS], secret: "" }}
        errors={{}}
        {...(await jobFormProps(db, s.account.id))}
      />,
    );
  });

  settings.post("/webhooks", async (c) => {
    const { session: s, form } = c.var;
    const values = formValues(form);
    const result = validateForm(values);
    if ("errors" in result)
      return c.html(
        <FormPage session={s} {...(await jobFormProps(db, s.account.id))} values={values} errors={result.errors} />,
        400,
      );
    const { body } = result;
    const target = await formTarget(db, s.account.id, body);
    if (!target)
      return c.html(
        <FormPage
          session={s}
          {...(await jobFormProps(db, s.account.id))}
          values={values}
          errors={{ job: NO_SUCH_JOB }}
        />,
        400,
      );
    const created = await insertWebhook(
      db,
      s.account.id,
      {
        url: target,
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
      return c.html(
        <FormPage
          session={s}
          {...(await jobFormProps(db, s.account.id))}
          values={values}
          errors={{ form: created.cap }}
        />,
        422,
      );
    }
    return redirectWithFlash(c, `/settings/webhooks/${created.id}`, "Webhook created.");
  });

  settings.get("/webhooks/:id", async (c) => {
    const s = c.var.session;
    const webhook = await ownWebhook(s, c.req.param("id"));
    if (!webhook) return notFound(c, "Webhook");
    const values = savedFormValues(webhook);
    return c.html(
      <FormPage
        session={s}
        {...(await savedFormProps(webhook))}
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

  settings.post("/webhooks/:id", async (c) => {
    const { session: s, form } = c.var;
    const webhook = await ownWebhook(s, c.req.param("id"));
    if (!webhook) return notFound(c, "Webhook");
    const values = formValues(form);
    const result = validateForm(values);
    if ("errors" in result)
      return c.html(
        <FormPage session={s} {...(await savedFormProps(webhook))} values={values} errors={result.errors} />,
        400,
      );
    const target = await formTarget(db, s.account.id, result.body);
    if (!target) {
      return c.html(
        <FormPage session={s} {...(await savedFormProps(webhook))} values={values} errors={{ job: NO_SUCH_JOB }} />,
        400,
      );
    }
    await updateWebhook(db, s.account.id, webhook.id, {
      url: target,
      watched: result.body.watched,
      domains: result.body.domains ?? [...DEFAULT_DOMAINS],
      secret: result.body.secret || null,
    });
    return redirectWithFlash(c, `/settings/webhooks`, "Webhook saved.");
  });
}
