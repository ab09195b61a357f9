import type { JobSpecWire } from "@hubhooks/schemas";
import { JobSpecList } from "./job-spec.js";

/** One of the user's (or their orgs') jobs a job webhook may clone, as the form lists it. */
export interface JobChoice {
  id: string;
  namespace: string;
  command: string[];
  stage: string;
}

function FieldError(props: { id: string; message: string | undefined }) {
  if (!props.message) return null;
  return (
    <p class="error" id={props.id} role="alert">
      {props.message}
    </p>
  );
}

/**
 * What the webhook does on each event: "Send to URL" (a POST), or "Start a Job", a clone of one of the user's
 * jobs. Both panes are in the page; CSS shows the chosen one, so the form works without a script.
 */
export function TargetFields(props: {
  target: "url" | "job";
  url: string;
  jobId: string;
  jobs: JobChoice[];
  /** The saved source job's spec, when the webhook starts a Job. */
  jobSpec?: JobSpecWire | undefined;
  errors: { url?: string | undefined; job?: string | undefined };
}) {
  const chosen = props.jobs.some((job) => job.id === props.jobId);
  return (
    <>
      <fieldset>
        <legend>On each event</legend>
        <div class="choice">
          <label class="check">
            <input type="radio" name="target" value="url" checked={props.target === "url"} /> Send to URL
          </label>
          <label class="check">
            <input type="radio" name="target" value="job" checked={props.target === "job"} /> Start a Job
          </label>
        </div>
      </fieldset>
      <div data-target-pane="url">
        <label for="url">Target URL</label>
        <input
          id="url"
          name="url"
          type="url"
          value={props.target === "url" ? props.url : ""}
          placeholder="https://example.com/webhook"
          aria-describedby={props.errors.url ? "url-error" : undefined}
          aria-invalid={props.errors.url ? "true" : undefined}
        />
        <FieldError id="url-error" message={props.errors.url} />
      </div>
      <div data-target-pane="job">
        <label for="job_id">Job to clone on each event</label>
        <select
          id="job_id"
          name="job_id"
          aria-describedby={props.errors.job ? "job-error" : "job-help"}
          aria-invalid={props.errors.job ? "true" : undefined}
        >
          <option value="" selected={!props.jobId}>
            Choose one of your jobs…
          </option>
          {props.jobId && !chosen && (
            <option value={props.jobId} selected>
              {props.jobId}
            </option>
          )}
          {props.jobs.map((job) => (
            <option value={job.id} selected={job.id === props.jobId}>
              {`${job.namespace} · ${job.command.join(" ").slice(0, 60)} · ${job.stage} · ${job.id}`}
            </option>
          ))}
        </select>
        <p class="muted" id="job-help">
          Each event starts a new job with this job's image, command, environment and secrets, plus the event in
          WEBHOOK_PAYLOAD, WEBHOOK_REPO_ID, WEBHOOK_REPO_TYPE and WEBHOOK_SECRET.
          {props.jobs.length === 0 && " You have no jobs yet: run one first (hubhooks jobs run, or run_job)."}
        </p>
        <FieldError id="job-error" message={props.errors.job} />
        {props.jobSpec && (
          <div data-saved-job>
            <h3>The job each event starts</h3>
            <JobSpecList spec={props.jobSpec} />
          </div>
        )}
      </div>
    </>
  );
}
