import { TERMINAL_JOB_STAGES } from "@hubhooks/schemas";
import type { ServerDeps } from "../core/deps.js";
import { parseStoredSpec } from "../core/job-spec.js";
import type { JobRow, ScheduledJobRow } from "../store/schema.js";
import { recordRun } from "./scheduled-store.js";
import { startJob } from "./start-job.js";

/** Whether the scheduled job's last run has not ended (a run without `concurrency` must then not start). */
export async function lastRunActive(deps: ServerDeps, row: ScheduledJobRow): Promise<boolean> {
  if (!row.last_job_id) return false;
  const last = await deps.db.selectFrom("jobs").select("stage").where("id", "=", row.last_job_id).executeTakeFirst();
  return last !== undefined && !TERMINAL_JOB_STAGES.includes(last.stage as never);
}

/** Starts one run of a scheduled job: a job with its spec, `initiator {type: "scheduled-job", id}`. */
export async function runScheduled(deps: ServerDeps, row: ScheduledJobRow): Promise<JobRow> {
  const job = await startJob(deps, {
    namespace: { id: row.owner_id, name: row.owner_name, type: row.owner_type as "user" | "org" },
    createdBy: row.created_by,
    spec: parseStoredSpec(row.spec),
    labels: row.labels ? JSON.parse(row.labels) : null,
    initiator: { type: "scheduled-job", id: row.id },
  });
  await recordRun(deps.db, row.id, job.id, job.created_at);
  return job;
}
