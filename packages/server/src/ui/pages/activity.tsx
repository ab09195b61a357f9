import { DELIVERY_STATUSES, type DeliverySummary, eventName, KNOWN_SCOPES } from "@hubhooks/schemas";
import { CsrfField, DeliveryStatus, Layout } from "../layout.js";
import type { Session } from "../session-store.js";
import { Time } from "../time.js";
import { JobLink } from "./job-link.js";
import { WebhookHeader } from "./tabs.js";

/** The time ranges the Activity tab filters by, as `?range=`: how far back from now. */
export const ACTIVITY_RANGES: Record<string, number> = {
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 604_800_000,
  "30d": 2_592_000_000,
};
const RANGE_LABELS: Record<string, string> = {
  "1h": "last hour",
  "24h": "last 24 h",
  "7d": "last 7 days",
  "30d": "last 30 days",
};

export function ActivityPage(props: {
  session: Session;
  id: string;
  url: string;
  deliveries: DeliverySummary[];
  nextCursor: string | null;
  status: string | undefined;
  /** Filters: the event scope, and a key of ACTIVITY_RANGES. */
  scope?: string | undefined;
  range?: string | undefined;
  usage: { count: number; limit: number; windowHours: number };
  flash?: string | undefined;
  webhookDisabled?: boolean | undefined;
  /** Set on older pages: only the first page updates by itself. */
  cursor?: string | undefined;
  /** The sandbox's loop guard stopped this webhook's owner in the last 24 h. */
  loopGuard?: { message: string; at: number } | undefined;
  /** A delivery id that was searched for and not found. */
  searched?: string | undefined;
}) {
  const base = `/settings/webhooks/${props.id}/activity`;
  const filters = new URLSearchParams();
  if (props.status) filters.set("status", props.status);
  if (props.scope) filters.set("scope", props.scope);
  if (props.range) filters.set("range", props.range);
  const older = (cursor: string) => `${base}?${new URLSearchParams([...filters, ["cursor", cursor]])}`;
  const onlyStatus = props.status && !props.scope && !props.range;
  return (
    <Layout title="Activity" session={props.session} flash={props.flash}>
      <WebhookHeader id={props.id} url={props.url} current="activity" />
      <p>
        <strong data-usage>
          {props.usage.count} / {props.usage.limit} in the last {props.usage.windowHours} h
        </strong>{" "}
        <span class="muted">triggers used against the rate limit</span>
      </p>
      {props.loopGuard && (
        <p class="card reason" role="alert" data-loop-guard>
          {props.loopGuard.message} <Time at={props.loopGuard.at} />
        </p>
      )}
      <form method="get" action={base} class="row">
        <label for="status" style="margin:0">
          Status
        </label>
        <select id="status" name="status">
          <option value="">all</option>
          {DELIVERY_STATUSES.map((status) => (
            <option value={status} selected={status === props.status}>
              {status}
            </option>
          ))}
        </select>
        <label for="scope" style="margin:0">
          Event
        </label>
        <select id="scope" name="scope">
          <option value="">all</option>
          {KNOWN_SCOPES.map((scope) => (
            <option value={scope} selected={scope === props.scope}>
              {scope}
            </option>
          ))}
        </select>
        <label for="range" style="margin:0">
          Time
        </label>
        <select id="range" name="range">
          <option value="">any time</option>
          {Object.keys(ACTIVITY_RANGES).map((range) => (
            <option value={range} selected={range === props.range}>
              {RANGE_LABELS[range]}
            </option>
          ))}
        </select>
        <input
          type="text"
          name="delivery"
          aria-label="Delivery id"
          placeholder="Delivery id"
          value={props.searched ?? ""}
          style="max-width:16rem"
        />
        <button type="submit">Filter</button>
      </form>
      <form method="post" action={`${base}/recover`} class="row" data-recover>
        <CsrfField session={props.session} />
        <label for="recover-since" style="margin:0">
          Send again what failed, was cancelled or rate limited in the last
        </label>
        <select id="recover-since" name="since">
          <option value="3600000">hour</option>
          <option value="86400000" selected>
            24 hours
          </option>
          <option value="604800000">7 days</option>
          <option value="1209600000">14 days</option>
        </select>
        <button type="submit">Redeliver failed</button>
      </form>
      <div data-activity data-live={props.cursor ? "done" : ""}>
        {props.searched ? (
          <p class="card muted" data-empty>
            No delivery with id {props.searched} on this webhook. <a href={base}>Clear the search</a>
          </p>
        ) : props.deliveries.length === 0 ? (
          onlyStatus ? (
            <p class="card muted" data-empty>
              No {props.status?.replace("_", " ")} delivery. <a href={base}>Clear the filter</a>
            </p>
          ) : filters.size > 0 ? (
            <p class="card muted" data-empty>
              No delivery matches these filters. <a href={base}>Clear the filters</a>
            </p>
          ) : (
            <p class="card muted" data-empty>
              No delivery yet. Trigger one with <code>hubhooks trigger repo.content --repo …</code>.
            </p>
          )
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Time</th>
                  <th>Event</th>
                  <th class="opt">Repo</th>
                  <th>Status</th>
                  <th class="opt">Duration</th>
                  <th>Attempts</th>
                </tr>
              </thead>
              <tbody>
                {props.deliveries.map((d) => (
                  <tr data-delivery={d.id} data-key={d.id}>
                    <td data-label="Time">
                      <a href={`${base}/${d.id}`}>
                        <Time at={d.createdAt} />
                      </a>
                    </td>
                    <td data-label="Event">{eventName(d)}</td>
                    <td class="opt token" data-label="Repo">
                      {d.repo}
                    </td>
                    <td data-label="Status">
                      <DeliveryStatus
                        status={d.status}
                        code={d.lastStatusCode}
                        attempts={d.attempts}
                        error={d.lastError}
                        webhookDisabled={props.webhookDisabled}
                        nextAttemptAt={d.nextAttemptAt}
                      />
                      <JobLink job={d.job} />
                    </td>
                    <td class="opt" data-label="Duration">
                      {d.lastDurationMs === null ? "–" : `${d.lastDurationMs} ms`}
                    </td>
                    <td data-label="Attempts">{d.attempts}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {props.nextCursor && (
        <p>
          <a href={older(props.nextCursor)}>Older deliveries</a>
        </p>
      )}
    </Layout>
  );
}
