import type { ScheduledJobInfo } from "@hubhooks/schemas";
import { hubRequest } from "../utils/hub-request.js";
import { jobsPath } from "../utils/job-namespace.js";
import { type RunJobParams, runJobBody } from "./run-job.js";

export interface CreateScheduledJobParams extends RunJobParams {
  /** A cron expression (`0 9 * * 1`) or @hourly, @daily, @weekly, @monthly, @yearly; UTC. */
  schedule: string;
  suspend?: boolean;
  /** Whether a run may start while the last one still runs (default false). */
  concurrency?: boolean;
}

/** Creates a scheduled job, with the body huggingface_hub's `create_scheduled_job` sends. */
export async function createScheduledJob(params: CreateScheduledJobParams): Promise<ScheduledJobInfo> {
  const body: Record<string, unknown> = { jobSpec: runJobBody(params), schedule: params.schedule };
  if (params.suspend !== undefined) body.suspend = params.suspend;
  if (params.concurrency !== undefined) body.concurrency = params.concurrency;
  const path = (await jobsPath(params)).replace(/^\/api\/jobs\//, "/api/scheduled-jobs/");
  return hubRequest<ScheduledJobInfo>(params, "POST", path, body);
}
