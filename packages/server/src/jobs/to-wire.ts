import type { JobInfo, JobStage } from "@hubhooks/schemas";
import { parseStoredSpec } from "../core/job-spec.js";
import type { JobRow } from "../store/schema.js";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const seconds = (ms: number) => Math.max(0, Math.floor(ms / 1000));

/** huggingface_hub `JobDurations`: whole seconds, counted up to now while the job has not ended. */
function durationsOf(row: JobRow, now: number) {
  const end = row.finished_at ?? now;
  return {
    schedulingSecs: row.started_at === null ? null : seconds(row.started_at - row.created_at),
    runningSecs: row.started_at === null ? null : seconds(end - row.started_at),
    totalSecs: seconds(end - row.created_at),
  };
}

/** JobInfo as huggingface_hub parses it; secrets by name only. */
export function toJobInfo(row: JobRow): JobInfo {
  const spec = parseStoredSpec(row.spec);
  return {
    id: row.id,
    createdAt: new Date(row.created_at).toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    ...(spec.dockerImage ? { dockerImage: spec.dockerImage } : { spaceId: spec.spaceId }),
    command: spec.command,
    arguments: spec.arguments,
    environment: spec.environment,
    secrets: Object.keys(spec.secrets),
    flavor: spec.flavor,
    timeoutSeconds: spec.timeoutSeconds,
    labels: row.labels ? (JSON.parse(row.labels) as Record<string, string>) : null,
    // No ports are exposed and no SSH is offered here: huggingface_hub reads both as None.
    status: { stage: row.stage as JobStage, message: row.message, exposeUrls: null, sshUrl: null },
    durations: durationsOf(row, Date.now()),
    owner: { id: row.owner_id, name: row.owner_name, type: row.owner_type },
    initiator: row.initiator ? JSON.parse(row.initiator) : null,
  };
}
