import type { JobInfo, ScheduledJobInfo } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";
import { jobSuffix, jobsPath } from "../utils/job-namespace.js";

type Target = { namespace?: string } & CredentialsParams;
type One = { scheduledJobId: string } & Target;

const scheduledPath = async (params: Target, suffix = "") =>
  (await jobsPath(params, suffix)).replace(/^\/api\/jobs\//, "/api/scheduled-jobs/");

export async function listScheduledJobs(params: Target = {}): Promise<ScheduledJobInfo[]> {
  return hubRequest<ScheduledJobInfo[]>(params, "GET", await scheduledPath(params));
}

export async function inspectScheduledJob(params: One): Promise<ScheduledJobInfo> {
  return hubRequest<ScheduledJobInfo>(params, "GET", await scheduledPath(params, jobSuffix(params.scheduledJobId)));
}

export async function deleteScheduledJob(params: One): Promise<void> {
  await hubRequest<unknown>(params, "DELETE", await scheduledPath(params, jobSuffix(params.scheduledJobId)));
}

export async function suspendScheduledJob(params: One): Promise<ScheduledJobInfo> {
  const path = await scheduledPath(params, jobSuffix(params.scheduledJobId, "/suspend"));
  return hubRequest<ScheduledJobInfo>(params, "POST", path);
}

export async function resumeScheduledJob(params: One): Promise<ScheduledJobInfo> {
  const path = await scheduledPath(params, jobSuffix(params.scheduledJobId, "/resume"));
  return hubRequest<ScheduledJobInfo>(params, "POST", path);
}

/** Starts a run now (409 while the last one runs, unless the scheduled job allows concurrency). */
export async function runScheduledJob(params: One): Promise<JobInfo> {
  return hubRequest<JobInfo>(params, "POST", await scheduledPath(params, jobSuffix(params.scheduledJobId, "/run")));
}

/** Replaces a scheduled job's labels, those of the runs it starts from now on (`update_scheduled_job_labels`). */
export async function updateScheduledJobLabels(
  params: One & { labels: Record<string, string> },
): Promise<ScheduledJobInfo> {
  const path = await scheduledPath(params, jobSuffix(params.scheduledJobId, "/labels"));
  return hubRequest<ScheduledJobInfo>(params, "PUT", path, { labels: params.labels });
}
