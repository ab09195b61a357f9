import type { JobInfo, JobStage } from "@hubhooks/schemas";
import { parseStoredSpec } from "../core/job-spec.js";
import type { JobRow } from "../store/schema.js";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

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
    status: { stage: row.stage as JobStage, message: row.message },
    owner: { id: row.owner_id, name: row.owner_name, type: row.owner_type },
    initiator: row.initiator ? JSON.parse(row.initiator) : null,
  };
}
