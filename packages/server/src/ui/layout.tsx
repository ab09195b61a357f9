import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { Session } from "./session-store.js";
import { STYLES } from "./styles.js";

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
        </body>
      </html>
    </>
  );
}

export function CsrfField(props: { session: Session }) {
  return <input type="hidden" name="_csrf" value={props.session.csrfToken} />;
}

export function StatusBadge(props: { status: string | null | undefined; code?: number | null | undefined }) {
  if (!props.status) return <span class="muted">never</span>;
  const tone =
    props.status === "delivered"
      ? "ok"
      : props.status === "pending"
        ? ""
        : props.status === "rate_limited"
          ? "warn"
          : "bad";
  return (
    <span class={`badge ${tone}`}>
      {props.status}
      {props.code ? ` · ${props.code}` : ""}
    </span>
  );
}
