import { DELIVERY_STATUSES, type DeliverySummary } from "@hubhooks/schemas";
import { CsrfField, Layout, StatusBadge } from "../layout.js";
import type { Session } from "../session-store.js";
import { WebhookTabs } from "./tabs.js";

const when = (iso: string) => `${iso.replace("T", " ").slice(0, 19)} UTC`;

export function ActivityPage(props: {
  session: Session;
  id: string;
  url: string;
  deliveries: DeliverySummary[];
  nextCursor: string | null;
  status: string | undefined;
  usage: { count: number; limit: number; windowHours: number };
  flash?: string | undefined;
  webhookDisabled?: boolean | undefined;
  /** Set on older pages: only the first page updates by itself. */
  cursor?: string | undefined;
  /** A delivery id that was searched for and not found. */
  searched?: string | undefined;
}) {
  const base = `/settings/webhooks/${props.id}/activity`;
  return (
    <Layout title="Activity" session={props.session} flash={props.flash}>
      <h1>{props.url}</h1>
      <WebhookTabs id={props.id} current="activity" />
      <p>
        <strong data-usage>
          {props.usage.count} / {props.usage.limit} in the last {props.usage.windowHours} h
        </strong>{" "}
        <span class="muted">triggers used against the rate limit</span>
      </p>
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
      <div data-activity>
        {props.searched ? (
          <p class="card muted" data-empty>
            No delivery with id {props.searched} on this webhook. <a href={base}>Clear the search</a>
          </p>
        ) : props.deliveries.length === 0 ? (
          props.status ? (
            <p class="card muted" data-empty>
              No {props.status.replace("_", " ")} delivery. <a href={base}>Clear the filter</a>
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
                  <tr data-delivery={d.id}>
                    <td>
                      <a href={`${base}/${d.id}`}>{when(d.createdAt)}</a>
                    </td>
                    <td>
                      {d.scope} / {d.action}
                    </td>
                    <td class="opt">{d.repo}</td>
                    <td>
                      <StatusBadge
                        status={d.status}
                        code={d.lastStatusCode}
                        attempts={d.attempts}
                        error={d.lastError}
                        webhookDisabled={props.webhookDisabled}
                      />
                      {d.lastError && d.status !== "delivered" && (
                        <div class="reason" data-reason>
                          {d.lastError}
                          {d.status === "pending" && d.nextAttemptAt && !props.webhookDisabled
                            ? ` · next attempt ${when(d.nextAttemptAt)}`
                            : ""}
                        </div>
                      )}
                    </td>
                    <td class="opt">{d.lastDurationMs === null ? "–" : `${d.lastDurationMs} ms`}</td>
                    <td>{d.attempts}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {props.nextCursor && (
        <p>
          <a href={`${base}?cursor=${props.nextCursor}${props.status ? `&status=${props.status}` : ""}`}>
            Older deliveries
          </a>
        </p>
      )}
      {!props.cursor && <script dangerouslySetInnerHTML={{ __html: LIVE_SCRIPT }} />}
    </Layout>
  );
}

// Live activity without a build step: while the tab is visible, fetch this page again every 3 s and swap the
// list in, marking rows that were not there before.
const LIVE_SCRIPT = `
(() => {
  const box = document.querySelector('[data-activity]');
  if (!box) return;
  const ids = () => new Set([...document.querySelectorAll('[data-delivery]')].map((row) => row.dataset.delivery));
  setInterval(async () => {
    if (document.hidden) return;
    try {
      const res = await fetch(location.href, { credentials: 'same-origin' });
      if (!res.ok) return;
      const next = new DOMParser().parseFromString(await res.text(), 'text/html').querySelector('[data-activity]');
      if (!next) return;
      const before = ids();
      box.innerHTML = next.innerHTML;
      for (const row of document.querySelectorAll('[data-delivery]')) {
        if (!before.has(row.dataset.delivery)) row.classList.add('fresh');
      }
    } catch {}
  }, 3000);
})();
`;
