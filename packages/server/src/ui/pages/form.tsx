import { type JobSpecWire, WATCHED_TYPES } from "@hubhooks/schemas";
import { CsrfField, Layout } from "../layout.js";
import type { Session } from "../session-store.js";
import { DetailsCard } from "./details-card.js";
import { SigningCard } from "./signing-card.js";
import { StateActions } from "./state-actions.js";
import { WebhookHeader } from "./tabs.js";
import { type JobChoice, TargetFields } from "./target-fields.js";
import { TestEventCard } from "./test-event-card.js";

export interface FormValues {
  /** "Send to URL" or "Start a Job" (a clone of the job `jobId`). */
  target: "url" | "job";
  url: string;
  jobId: string;
  watched: Array<{ type: string; name: string }>;
  domains: string[];
  secret: string;
}

export type FormErrors = Partial<Record<"url" | "job" | "watched" | "domains" | "secret" | "form", string>> & {
  /** The watched row the error is about, to mark it. */
  watchedRow?: number;
};

function WatchedRow(props: { type: string; name: string; index: number; invalid?: boolean; only?: boolean }) {
  return (
    <div class="row" data-watched-row>
      <select name="watched_type" aria-label={`Type of watched item ${props.index + 1}`}>
        {WATCHED_TYPES.map((type) => (
          <option value={type} selected={type === props.type}>
            {type}
          </option>
        ))}
      </select>
      <input
        type="text"
        name="watched_name"
        value={props.name}
        aria-label={`Name of watched item ${props.index + 1}`}
        aria-invalid={props.invalid ? "true" : undefined}
        aria-describedby={props.invalid ? "watched-error" : undefined}
        placeholder="namespace/name, or a user or org name"
      />
      {/* Nothing to remove when it is the only row (a webhook watches at least one thing). */}
      <button
        type="button"
        data-remove-row
        aria-label={`Remove watched item ${props.index + 1}`}
        hidden={props.only ? true : undefined}
      >
        Remove
      </button>
    </div>
  );
}

function FieldError(props: { id: string; message?: string | undefined }) {
  return props.message ? (
    <p class="error" id={props.id} role="alert">
      {props.message}
    </p>
  ) : null;
}

// A few lines of vanilla JS: add/remove watched rows, reveal the secret. Without JS the form still works.
// Rows are numbered again after each change so every control keeps a unique accessible name.
const SCRIPT = `
const numberRows = () => {
  const rows = document.querySelectorAll('[data-watched-row]');
  rows.forEach((row, i) => {
    row.querySelector('select').setAttribute('aria-label', 'Type of watched item ' + (i + 1));
    row.querySelector('input').setAttribute('aria-label', 'Name of watched item ' + (i + 1));
    row.querySelector('[data-remove-row]').setAttribute('aria-label', 'Remove watched item ' + (i + 1));
    row.querySelector('[data-remove-row]').hidden = rows.length === 1;
  });
};
document.addEventListener('click', (event) => {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return;
  if (target.matches('[data-add-row]')) {
    const rows = document.getElementById('watched-rows');
    const row = rows.querySelector('[data-watched-row]').cloneNode(true);
    const input = row.querySelector('input');
    input.value = '';
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
    rows.appendChild(row);
    numberRows();
    row.querySelector('select').focus();
  }
  if (target.matches('[data-remove-row]')) {
    const rows = document.getElementById('watched-rows');
    if (rows.children.length > 1) target.closest('[data-watched-row]').remove();
    else target.closest('[data-watched-row]').querySelector('input').value = '';
    numberRows();
  }
  if (target.matches('[data-reveal]')) {
    const input = document.getElementById('secret');
    const show = input.type === 'password';
    input.type = show ? 'text' : 'password';
    target.textContent = show ? 'Hide' : 'Show';
    target.setAttribute('aria-pressed', String(show));
  }
});`;

export function FormPage(props: {
  session: Session;
  id?: string | undefined;
  disabled?: boolean;
  disabledReason?: string | null;
  failureWarning?: string | undefined;
  signingSecret?: string | null;
  details?: Parameters<typeof DetailsCard>[0] | undefined;
  /** The webhook's saved URL, its heading on every tab (the field may hold an unsaved edit). */
  savedUrl?: string | undefined;
  values: FormValues;
  errors: FormErrors;
  flash?: string | undefined;
  /** The jobs "Start a Job" may clone, and the saved source job's spec of a job webhook. */
  jobs?: JobChoice[] | undefined;
  jobSpec?: JobSpecWire | undefined;
}) {
  const editing = props.id !== undefined;
  const rows = props.values.watched.length ? props.values.watched : [{ type: "model", name: "" }];
  return (
    <Layout title={editing ? "Edit webhook" : "New webhook"} session={props.session} flash={props.flash}>
      {props.id ? (
        <WebhookHeader id={props.id} url={props.savedUrl ?? props.values.url} current="settings" />
      ) : (
        <h1>Add a new webhook</h1>
      )}
      <form
        method="post"
        action={editing ? `/settings/webhooks/${props.id}` : "/settings/webhooks"}
        class="card"
        novalidate
      >
        <CsrfField session={props.session} />
        <FieldError id="form-error" message={props.errors.form} />
        <TargetFields
          target={props.values.target}
          url={props.values.url}
          jobId={props.values.jobId}
          jobs={props.jobs ?? []}
          jobSpec={props.jobSpec}
          errors={props.errors}
        />

        <fieldset>
          <legend>Watched repos, users and organizations</legend>
          <div id="watched-rows">
            {rows.map((row, index) => (
              <WatchedRow
                type={row.type}
                name={row.name}
                index={index}
                only={rows.length === 1}
                invalid={props.errors.watched !== undefined && (props.errors.watchedRow ?? 0) === index}
              />
            ))}
          </div>
          <button type="button" data-add-row>
            Add another
          </button>
          <FieldError id="watched-error" message={props.errors.watched} />
        </fieldset>

        <fieldset>
          <legend>Events</legend>
          <label class="check">
            <input type="checkbox" name="domains" value="repo" checked={props.values.domains.includes("repo")} /> Repo
            update
          </label>
          <label class="check">
            <input
              type="checkbox"
              name="domains"
              value="discussion"
              checked={props.values.domains.includes("discussion")}
            />{" "}
            Community (PR &amp; discussions)
          </label>
          <FieldError id="domains-error" message={props.errors.domains} />
        </fieldset>

        <label for="secret">Secret</label>
        <div class="row">
          <input
            id="secret"
            name="secret"
            type="password"
            value={props.values.secret}
            autocomplete="off"
            placeholder="sent as X-Webhook-Secret (optional)"
            aria-invalid={props.errors.secret ? "true" : undefined}
            aria-describedby={props.errors.secret ? "secret-error" : undefined}
          />
          <button type="button" data-reveal aria-pressed="false" aria-controls="secret">
            Show
          </button>
        </div>
        <FieldError id="secret-error" message={props.errors.secret} />

        <div class="actions">
          <button class="primary" type="submit">
            {editing ? "Save" : "Create webhook"}
          </button>
          <a class="button" href={editing ? `/settings/webhooks/${props.id}` : "/settings/webhooks"}>
            Cancel
          </a>
        </div>
      </form>
      {props.id && (
        <StateActions
          session={props.session}
          id={props.id}
          disabled={props.disabled ?? false}
          disabledReason={props.disabledReason ?? null}
          failureWarning={props.failureWarning}
        />
      )}
      {props.id && <TestEventCard session={props.session} id={props.id} />}
      {props.details && <DetailsCard {...props.details} />}
      {props.id && <SigningCard session={props.session} id={props.id} signingSecret={props.signingSecret ?? null} />}
      <script dangerouslySetInnerHTML={{ __html: SCRIPT }} />
    </Layout>
  );
}
