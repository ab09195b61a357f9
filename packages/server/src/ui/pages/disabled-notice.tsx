import { Time } from "../time.js";

/** "… at 2026-12-03T10:00:00.000Z (delivery 6b0…) …": the time and the delivery the auto-disable reason names. */
const MENTION = /at (\d{4}-\d\d-\d\dT[\d:.]+Z) \(delivery ([0-9a-f]{24})\)/;

/**
 * Why hubhooks disabled a webhook, as a notice: the time in the reader's local time, the delivery as a link to its
 * page. The reason is stored as one sentence (result-store / webhook-health); anything it does not name is text.
 */
export function DisabledNotice(props: { webhookId: string; reason: string }) {
  const match = MENTION.exec(props.reason);
  const body = match ? (
    <>
      {props.reason.slice(0, match.index)}
      at <Time at={match[1]} /> (
      <a class="token" href={`/settings/webhooks/${props.webhookId}/activity/${match[2]}`} data-disabled-delivery>
        delivery {match[2]}
      </a>
      ){props.reason.slice(match.index + match[0].length)}
    </>
  ) : (
    props.reason
  );
  return (
    <div class="notice" role="status" data-disabled-reason>
      <strong>Disabled by hubhooks</strong>
      <p>{body}</p>
    </div>
  );
}
