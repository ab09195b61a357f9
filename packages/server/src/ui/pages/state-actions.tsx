import { CsrfField } from "../layout.js";
import type { Session } from "../session-store.js";

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
      {props.disabled && props.disabledReason && (
        <p class="badge warn" data-disabled-reason>
          Disabled by hubhooks: {props.disabledReason}
        </p>
      )}
      {!props.disabled && props.failureWarning && (
        <p class="badge warn" data-failure-warning>
          Failing: {props.failureWarning}
        </p>
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
