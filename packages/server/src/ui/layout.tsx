import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { PAGE_SCRIPT } from "./page-script.js";
import type { Session } from "./session-store.js";
import { STYLES } from "./styles.js";
import { Time } from "./time.js";

export function Layout(props: {
  title: string;
  session?: Session | undefined;
  flash?: string | undefined;
  children: Child;
}) {
  return (
    <>
      {raw("<!doctype html>")}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} · hubhooks`}</title>
          <style>{STYLES}</style>
        </head>
        <body>
          <header class="top">
            <a class="brand" href="/settings/webhooks">
              hubhooks
            </a>
            {props.session && (
              <nav class="inline">
                <a href="/settings/webhooks">Webhooks</a> <a href="/settings/relay">Relay</a>
              </nav>
            )}
            {props.session && (
              <form method="post" action="/signout" class="inline">
                <span class="muted">{props.session.account.name} </span>
                <input type="hidden" name="_csrf" value={props.session.csrfToken} />
                <button type="submit">Sign out</button>
              </form>
            )}
          </header>
          <main>
            {props.flash && (
              <p class="flash" role="status">
                {props.flash}
              </p>
            )}
            {props.children}
          </main>
          <script dangerouslySetInnerHTML={{ __html: PAGE_SCRIPT }} />
        </body>
      </html>
    </>
  );
}

export function CsrfField(props: { session: Session }) {
  return <input type="hidden" name="_csrf" value={props.session.csrfToken} />;
}

/**
 * A delivery's state in words and colour: delivered, queued, retrying (it failed and will be tried again),
 * will be cancelled (its webhook is disabled), failed, rate limited, cancelled.
 */
export function deliveryState(d: {
  status: string;
  attempts?: number | undefined;
  code?: number | null | undefined;
  error?: string | null | undefined;
  webhookDisabled?: boolean | undefined;
}): { label: string; tone: string } {
  const code = d.code ? ` · ${d.code}` : "";
  switch (d.status) {
    case "delivered":
      return { label: `delivered${code}`, tone: "ok" };
    case "pending": {
      if (d.webhookDisabled) return { label: "will be cancelled", tone: "" };
      const tried = (d.attempts ?? 0) > 0 || d.code || d.error;
      return tried ? { label: `retrying${code}`, tone: "retry" } : { label: "queued", tone: "" };
    }
    case "failed":
      return { label: `failed${code}`, tone: "bad" };
    case "rate_limited":
      return { label: "rate limited", tone: "warn" };
    case "cancelled":
      return { label: "cancelled", tone: "" };
    default:
      return { label: d.status, tone: "" };
  }
}

export function StatusBadge(props: {
  status: string | null | undefined;
  code?: number | null | undefined;
  attempts?: number | undefined;
  error?: string | null | undefined;
  webhookDisabled?: boolean | undefined;
}) {
  if (!props.status) return <span class="muted">never</span>;
  const { label, tone } = deliveryState({ ...props, status: props.status });
  return (
    <span class={`badge ${tone}`} data-state={label.split(" ·")[0]}>
      {label}
    </span>
  );
}

/**
 * A delivery's state at a glance: the badge, and under it the last error of an undelivered one, with the next
 * attempt when it is waiting for one (the list, Activity and delivery pages all show it this way).
 */
export function DeliveryStatus(props: {
  status: string | null | undefined;
  code?: number | null | undefined;
  attempts?: number | undefined;
  error?: string | null | undefined;
  webhookDisabled?: boolean | undefined;
  nextAttemptAt?: string | null | undefined;
}) {
  return (
    <>
      <StatusBadge {...props} />
      {props.error && props.status !== "delivered" && (
        <div class="reason" data-reason>
          {props.error}
          {props.status === "pending" && props.nextAttemptAt && !props.webhookDisabled && (
            <>
              {" · next attempt "}
              <Time at={props.nextAttemptAt} />
            </>
          )}
        </div>
      )}
    </>
  );
}
