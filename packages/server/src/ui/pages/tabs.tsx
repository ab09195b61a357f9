export function WebhookTabs(props: { id: string; current: "settings" | "activity" }) {
  return (
    <nav class="tabs" aria-label="Webhook">
      <a href={`/settings/webhooks/${props.id}`} aria-current={props.current === "settings" ? "page" : undefined}>
        Settings
      </a>
      <a
        href={`/settings/webhooks/${props.id}/activity`}
        aria-current={props.current === "activity" ? "page" : undefined}
      >
        Activity
      </a>
    </nav>
  );
}

/** The same heading on every tab of a webhook: its URL, then the tabs. */
export function WebhookHeader(props: { id: string; url: string; current: "settings" | "activity" }) {
  return (
    <>
      <h1 data-webhook-url>{props.url}</h1>
      <WebhookTabs id={props.id} current={props.current} />
    </>
  );
}
