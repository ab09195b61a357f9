import type { WebhookRecord } from "../../webhooks/webhook-store.js";
import { DeliveryStatus, Layout } from "../layout.js";
import type { Session } from "../session-store.js";
import { Time } from "../time.js";

export interface LastDelivery {
  status: string;
  statusCode: number | null;
  error: string | null;
  attempts: number;
  at: number;
}

export function ListPage(props: {
  session: Session;
  webhooks: WebhookRecord[];
  last: Map<string, LastDelivery>;
  flash?: string | undefined;
}) {
  return (
    <Layout title="Webhooks" session={props.session} flash={props.flash}>
      <h1>Webhooks</h1>
      <p>
        <a class="button primary" href="/settings/webhooks/new">
          Add a new webhook
        </a>
      </p>
      {props.webhooks.length === 0 ? (
        <p class="card muted">No webhook yet. Add one to get a POST whenever a watched repo, user or org changes.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Target URL</th>
                <th>Watching</th>
                <th class="opt">Domains</th>
                <th>State</th>
                <th>Last delivery</th>
              </tr>
            </thead>
            <tbody>
              {props.webhooks.map((webhook) => {
                const last = props.last.get(webhook.id);
                return (
                  <tr data-key={webhook.id}>
                    <td data-label="Target URL">
                      <a class="token" href={`/settings/webhooks/${webhook.id}`}>
                        {webhook.url}
                      </a>
                    </td>
                    <td data-label="Watching" class="token">
                      {webhook.watched.map((w) => `${w.type}:${w.name}`).join(", ")}
                    </td>
                    <td class="opt" data-label="Domains">
                      {webhook.domains.join(", ")}
                    </td>
                    <td data-label="State">
                      <span
                        class={`badge ${webhook.disabled ? "warn" : "ok"}`}
                        title={webhook.disabledReason ?? undefined}
                      >
                        {webhook.disabled ? (webhook.disabledReason ? "disabled by hubhooks" : "disabled") : "enabled"}
                      </span>
                    </td>
                    <td data-label="Last delivery">
                      <DeliveryStatus
                        status={last?.status}
                        code={last?.statusCode}
                        attempts={last?.attempts}
                        error={last?.error}
                        webhookDisabled={webhook.disabled}
                      />
                      {last && (
                        <div class="muted">
                          <Time at={last.at} />
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
