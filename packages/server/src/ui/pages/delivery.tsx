import { type DeliveryDetail, eventName } from "@hubhooks/schemas";
import { CsrfField, DeliveryStatus, Layout, StatusBadge } from "../layout.js";
import type { Session } from "../session-store.js";
import { Time } from "../time.js";
import { JobLink } from "./job-link.js";
import { WebhookHeader } from "./tabs.js";

function Headers(props: { headers: Record<string, string> }) {
  const entries = Object.entries(props.headers);
  if (entries.length === 0) return <p class="muted">none</p>;
  return (
    <dl class="kv">
      {entries.map(([name, value]) => (
        <>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </>
      ))}
    </dl>
  );
}

export function DeliveryPage(props: {
  session: Session;
  id: string;
  /** The webhook's URL, the heading of its every tab. */
  url: string;
  delivery: DeliveryDetail & { rawPayload: string };
  flash?: string | undefined;
}) {
  const { delivery } = props;
  return (
    <Layout title="Delivery" session={props.session} flash={props.flash}>
      <WebhookHeader id={props.id} url={props.url} current="activity" />
      <h2>
        {eventName(delivery)} <span class="muted">on {delivery.repo}</span>
      </h2>
      {/* Refreshed every 3 s while the delivery may still change; "done" once it cannot. */}
      <div data-live={delivery.status === "pending" ? "" : "done"}>
        <div class="card">
          <dl class="kv">
            <dt>Delivery</dt>
            <dd>
              <code>{delivery.id}</code>
            </dd>
            <dt>Status</dt>
            <dd>
              <DeliveryStatus
                status={delivery.status}
                code={delivery.lastStatusCode}
                attempts={delivery.attempts}
                error={delivery.lastError}
              />
            </dd>
            <dt>Attempts</dt>
            <dd data-attempts>{delivery.attempts}</dd>
            <dt>Created</dt>
            <dd>
              <Time at={delivery.createdAt} />
            </dd>
            {delivery.nextAttemptAt && (
              <>
                <dt>Next attempt</dt>
                <dd>
                  <Time at={delivery.nextAttemptAt} />
                </dd>
              </>
            )}
          </dl>
          <form method="post" action={`/settings/webhooks/${props.id}/activity/${delivery.id}/replay`} class="actions">
            <CsrfField session={props.session} />
            <button class="primary" type="submit">
              Replay
            </button>
            <span class="muted">sends this payload again to the webhook's current URL and secret</span>
          </form>
        </div>
        <h2>Payload</h2>
        <div class="actions" style="margin:0 0 .5rem">
          <button type="button" data-copy={delivery.rawPayload} data-copy-payload>
            Copy payload
          </button>
          <button type="button" data-copy={curlCommand(delivery)} data-copy-curl>
            Copy as curl
          </button>
        </div>
        <pre data-payload>{JSON.stringify(delivery.payload, null, 2)}</pre>
        <h2>Attempts</h2>
        {delivery.attemptLog.length === 0 && <p class="muted">Not attempted yet.</p>}
        <ol class="attempts">
          {delivery.attemptLog.map((attempt) => (
            <li class="card" data-attempt={attempt.attempt} data-key={`attempt-${attempt.attempt}`}>
              <p>
                <strong>
                  #{attempt.attempt} {attempt.trigger === "replay" ? "(replay)" : ""}
                </strong>{" "}
                <Time at={attempt.startedAt} /> → <code class="url">{attempt.url}</code>{" "}
                {attempt.statusCode === null ? (
                  <span class="badge bad">{attempt.error}</span>
                ) : (
                  <StatusBadge status={attempt.statusCode < 300 ? "delivered" : "failed"} code={attempt.statusCode} />
                )}{" "}
                <span class="muted">{attempt.durationMs} ms</span>
              </p>
              <JobLink job={attempt.job} />
              {attempt.statusCode !== null && attempt.statusCode >= 300 && attempt.responseBody && (
                <p class="reason" data-response-line>
                  {attempt.responseBody.split("\n", 1)[0]?.slice(0, 200)}
                </p>
              )}
              {/* Each attempt's own headers: a replay's, or a retry's after a secret or signing change, differ. */}
              <details data-request-headers>
                <summary>Request headers</summary>
                <Headers headers={attempt.requestHeaders} />
              </details>
              {attempt.statusCode !== null && (
                <details>
                  <summary>Response headers and body</summary>
                  <Headers headers={attempt.responseHeaders} />
                  <pre>{attempt.responseBody || "(empty body)"}</pre>
                </details>
              )}
            </li>
          ))}
        </ol>
      </div>
    </Layout>
  );
}

/**
 * A curl command that sends this exact body again to any URL (`TARGET_URL`, else the URL of the last attempt),
 * with the secret from `WEBHOOK_SECRET` rather than in clear.
 */
export function curlCommand(delivery: { id: string; rawPayload: string; attemptLog: Array<{ url: string }> }): string {
  const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;
  const url = delivery.attemptLog.at(-1)?.url ?? "https://example.com/webhook";
  return [
    `curl -X POST "\${TARGET_URL:-${url}}"`,
    `-H 'Content-Type: application/json'`,
    `-H 'X-Webhook-Delivery: ${delivery.id}'`,
    `-H "X-Webhook-Secret: $WEBHOOK_SECRET"`,
    `--data-raw ${quote(delivery.rawPayload)}`,
  ].join(" \\\n  ");
}
