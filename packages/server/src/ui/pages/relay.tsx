import type { RelayChannel, RelayEventSummary } from "@hubhooks/schemas";
import { Layout } from "../layout.js";
import type { Session } from "../session-store.js";
import { Time } from "../time.js";

function Answer(props: { event: RelayEventSummary }) {
  const { answer, acknowledgedAt } = props.event;
  if (!answer) return <span class="badge retry">{acknowledgedAt ? "acknowledged" : "waiting for a listener"}</span>;
  if (answer.statusCode === null) return <span class="badge bad">{answer.error ?? "no answer"}</span>;
  const ok = answer.statusCode >= 200 && answer.statusCode < 300;
  return <span class={`badge ${ok ? "ok" : "bad"}`}>{`HTTP ${answer.statusCode}`}</span>;
}

function Events(props: { events: RelayEventSummary[] }) {
  if (props.events.length === 0) return <p class="muted">Nothing has come in yet.</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Received</th>
            <th>Request</th>
            <th class="opt">Bytes</th>
            <th>Local answer</th>
            <th class="opt">Time</th>
            <th class="opt">Body</th>
          </tr>
        </thead>
        <tbody>
          {props.events.map((event) => (
            <tr data-key={event.id}>
              <td data-label="Received">
                <Time at={event.receivedAt} />
              </td>
              <td data-label="Request">
                <code>{`${event.method} ${event.path || "/"}`}</code>
                <div class="muted">{event.id}</div>
              </td>
              <td class="opt" data-label="Bytes">
                {event.size}
              </td>
              <td data-label="Local answer">
                <Answer event={event} />
                {event.sends > 1 && <div class="muted">{`sent ${event.sends} times`}</div>}
              </td>
              <td class="opt" data-label="Time">
                {event.answer ? `${event.answer.durationMs} ms` : ""}
              </td>
              <td class="opt" data-label="Body">
                {event.answer?.body.slice(0, 120) ?? ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The user's relay channels, each with its latest events and what the listener's local receiver answered. */
export function RelayPage(props: {
  session: Session;
  channels: Array<{ channel: RelayChannel; events: RelayEventSummary[] }>;
}) {
  return (
    <Layout title="Relay channels" session={props.session}>
      <h1>Relay channels</h1>
      <p class="muted">
        A channel's URL takes webhooks from anywhere (huggingface.co included) and keeps them until{" "}
        <code>hubhooks listen --channel &lt;id&gt; --forward-to &lt;local URL&gt;</code> receives them. Create one with{" "}
        <code>hubhooks relay create</code>.
      </p>
      {props.channels.length === 0 && <p class="card muted">No channel yet.</p>}
      {props.channels.map(({ channel, events }) => (
        <section class="card" data-channel={channel.id}>
          <h2>{channel.name || (channel.webhookId ? `Webhook ${channel.webhookId}` : channel.id)}</h2>
          <p>
            <code>{channel.url}</code>
          </p>
          <p>
            <span class={`badge ${channel.listening ? "ok" : "warn"}`}>
              {channel.listening ? "listener connected" : "no listener"}
            </span>{" "}
            <span class="muted">{`${channel.pending} waiting · created `}</span>
            <Time at={channel.createdAt} />
          </p>
          <Events events={events} />
        </section>
      ))}
    </Layout>
  );
}
