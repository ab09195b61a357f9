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
