import { CsrfField } from "../layout.js";
import type { Session } from "../session-store.js";

/** Standard Webhooks signatures: turn on, rotate (the old secret signs 24 h more) or turn off. */
export function SigningCard(props: { session: Session; id: string; signingSecret: string | null }) {
  const action = `/settings/webhooks/${props.id}/signing`;
  return (
    <div class="card" data-signing>
      <h2 style="margin-top:0">Signed payloads</h2>
      <p class="muted">
        Standard Webhooks headers (<code>webhook-id</code>, <code>webhook-timestamp</code>,{" "}
        <code>webhook-signature</code>) beside <code>X-Webhook-Secret</code>.
      </p>
      {props.signingSecret && (
        <p>
          Signing secret: <code data-signing-secret>{props.signingSecret}</code>
        </p>
      )}
      <div class="actions">
        <form method="post" action={action}>
          <CsrfField session={props.session} />
          <input type="hidden" name="change" value="rotate" />
          <button type="submit">{props.signingSecret ? "Rotate signing secret" : "Sign deliveries"}</button>
        </form>
        {props.signingSecret && (
          <form method="post" action={action}>
            <CsrfField session={props.session} />
            <input type="hidden" name="change" value="off" />
            <button type="submit">Stop signing</button>
          </form>
        )}
      </div>
    </div>
  );
}
