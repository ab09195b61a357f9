import { CsrfField } from "../layout.js";
import type { Session } from "../session-store.js";
import { DisabledNotice } from "./disabled-notice.js";

/** Enable/disable and delete, each a real form with a real button. */
export function StateActions(props: {
  failureWarning?: string | undefined;
  session: Session;
  id: string;
  disabled: boolean;
  disabledReason?: string | null;
  /** The page to come back to after Enable or Disable. */
  back?: string | undefined;
}) {
  const base = `/settings/webhooks/${props.id}`;
  return (
    <div class="card">
      <h2 style="margin-top:0">{props.disabled ? "This webhook is disabled" : "This webhook is enabled"}</h2>
      {props.disabled && props.disabledReason && <DisabledNotice webhookId={props.id} reason={props.disabledReason} />}
      {!props.disabled && props.failureWarning && (
        <div class="notice" role="status" data-failure-warning>
          <strong>Failing</strong>
          <p>{props.failureWarning}</p>
        </div>
      )}
      <div class="actions">
        <form method="post" action={`${base}/${props.disabled ? "enable" : "disable"}`}>
          <CsrfField session={props.session} />
          <input type="hidden" name="back" value={props.back ?? base} />
          <button type="submit">{props.disabled ? "Enable" : "Disable"}</button>
        </form>
        <form
          method="post"
          action={`${base}/delete`}
          onsubmit="return confirm('Delete this webhook and its activity? This cannot be undone.')"
        >
          <CsrfField session={props.session} />
          <button type="submit" class="danger">
            Delete
          </button>
        </form>
      </div>
    </div>
  );
}
