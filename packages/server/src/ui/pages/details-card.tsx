import type { WebhookHealth } from "../../delivery/activity-store.js";

import { Time } from "../time.js";

/** The webhook's id (with a copy button), times, health and use of the trigger limit, on its Settings tab. */
export function DetailsCard(props: {
  id: string;
  createdAt: number;
  updatedAt: number;
  health: WebhookHealth;
  usage: { count: number; limit: number; windowHours: number };
}) {
  const { health } = props;
  const rate =
    health.successRate === null
      ? "no attempt yet"
      : `${Math.round(health.successRate * 100)} % of the last ${health.sampled}`;
  return (
    <div class="card" data-details>
      <h2 style="margin-top:0">Details</h2>
      <dl class="kv">
        <dt>Webhook id</dt>
        <dd>
          <code data-webhook-id>{props.id}</code>{" "}
          <button type="button" data-copy={props.id}>
            Copy
          </button>
        </dd>
        <dt>Created</dt>
        <dd>
          <Time at={props.createdAt} />
        </dd>
        <dt>Updated</dt>
        <dd>
          <Time at={props.updatedAt} />
        </dd>
        <dt>Delivered</dt>
        <dd data-success-rate>{rate}</dd>
        <dt>Last success</dt>
        <dd>
          <Time at={health.lastSuccessAt} />
        </dd>
        <dt>Last failure</dt>
        <dd>
          <Time at={health.lastFailureAt} />
        </dd>
        <dt>Trigger limit</dt>
        <dd data-usage>
          {props.usage.count} / {props.usage.limit} in the last {props.usage.windowHours} h
        </dd>
      </dl>
    </div>
  );
}
