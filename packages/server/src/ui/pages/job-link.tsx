import type { JobStarted } from "@hubhooks/schemas";

const TONES: Record<string, string> = { COMPLETED: "ok", ERROR: "bad", CANCELED: "bad", DELETED: "bad" };

/** Where a job's page (its spec, stage and logs) is in the UI. */
export const jobPagePath = (job: { namespace: string; id: string }) =>
  `/settings/jobs/${encodeURIComponent(job.namespace)}/${job.id}`;

/** The Job a job webhook's delivery started: its stage as it is now, and a link to its page with its logs. */
export function JobLink(props: { job: JobStarted | null | undefined }) {
  const { job } = props;
  if (job === undefined) return null;
  if (job === null) return <div class="muted">no job started</div>;
  return (
    <div data-job={job.id}>
      job <code>{job.id}</code>{" "}
      <span class={`badge ${TONES[job.stage] ?? "retry"}`} data-job-stage>
        {job.stage}
      </span>{" "}
      <a href={jobPagePath(job)} data-job-logs>
        logs
      </a>
    </div>
  );
}
