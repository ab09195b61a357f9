import { TEST_SCOPES } from "../../events/test-event.js";
import { CsrfField } from "../layout.js";
import type { Session } from "../session-store.js";

/** Sends a realistic event of a chosen scope to this webhook only, through the normal delivery path. */
export function TestEventCard(props: { session: Session; id: string }) {
  return (
    <div class="card" data-test-event>
      <h2 style="margin-top:0">Send a test event</h2>
      <form method="post" action={`/settings/webhooks/${props.id}/test`} class="row">
        <CsrfField session={props.session} />
        <label for="test-scope" style="margin:0">
          Event
        </label>
        <select id="test-scope" name="scope">
          {TEST_SCOPES.map((scope) => (
            <option value={scope}>{scope}</option>
          ))}
        </select>
        <button type="submit">Send test event</button>
      </form>
      <p class="muted" style="margin-bottom:0">
        It is delivered like any event (secret, signature, retries) and shows in Activity when it lands.
      </p>
    </div>
  );
}
