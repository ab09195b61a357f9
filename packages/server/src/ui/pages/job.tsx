import type { JobInfo } from "@hubhooks/schemas";
import { Layout } from "../layout.js";
import type { Session } from "../session-store.js";
import { Time } from "../time.js";
import { JobLink } from "./job-link.js";
import { JobSpecList } from "./job-spec.js";

/** One Job: its stage, what it runs and its log (the last lines, refreshed while it runs). */
export function JobPage(props: { session: Session; job: JobInfo; lines: string[]; truncated: boolean }) {
  const { job } = props;
  const ended = !["SCHEDULING", "RUNNING"].includes(job.status.stage);
  return (
    <Layout title={`Job ${job.id}`} session={props.session}>
      <h1>
        Job <code>{job.id}</code> <span class="muted">in {job.owner.name}</span>
      </h1>
      <div data-live={ended ? "done" : ""}>
        <div class="card">
          <JobLink job={{ id: job.id, namespace: job.owner.name, stage: job.status.stage, message: null }} />
          {job.status.message && (
            <p class="reason" data-job-message>
              {job.status.message}
            </p>
          )}
          <dl class="kv">
            <dt>Created</dt>
            <dd>
              <Time at={job.createdAt} />
            </dd>
            <dt>Started by</dt>
            <dd>{job.initiator ? `${job.initiator.type} ${job.initiator.name ?? job.initiator.id}` : "–"}</dd>
          </dl>
          <JobSpecList spec={{ ...job, timeout: job.timeoutSeconds ?? null }} />
          <p class="muted">
            From a terminal: <code>{`hubhooks jobs logs ${job.id} --namespace ${job.owner.name}`}</code>
          </p>
        </div>
        <h2>Logs</h2>
        {props.truncated && <p class="muted">Only the last {props.lines.length} lines are shown.</p>}
        <pre data-job-log>{props.lines.length ? props.lines.join("\n") : "(no output yet)"}</pre>
      </div>
    </Layout>
  );
}
