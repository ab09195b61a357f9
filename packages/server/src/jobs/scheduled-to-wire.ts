import type { ScheduledJobInfo } from "@hubhooks/schemas";
import { jobSpecWire, parseStoredSpec } from "../core/job-spec.js";
import type { ScheduledJobRow } from "../store/schema.js";

const iso = (ms: number) => new Date(ms).toISOString();

/** ScheduledJobInfo as huggingface_hub parses it: the spec under `jobSpec`, secrets by name only. */
export function toScheduledJobInfo(row: ScheduledJobRow): ScheduledJobInfo {
  return {
    id: row.id,
    createdAt: iso(row.created_at),
    jobSpec: jobSpecWire(parseStoredSpec(row.spec), row.labels ? JSON.parse(row.labels) : null),
    schedule: row.schedule,
    suspend: row.suspend === 1,
    concurrency: row.concurrency === 1,
    status: {
      lastJob: row.last_job_id && row.last_job_at !== null ? { id: row.last_job_id, at: iso(row.last_job_at) } : null,
      nextJobRunAt: row.next_run_at === null ? null : iso(row.next_run_at),
    },
    owner: { id: row.owner_id, name: row.owner_name, type: row.owner_type },
  };
}
