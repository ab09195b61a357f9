import type { JobInfo } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";
import { jobSuffix, jobsPath } from "../utils/job-namespace.js";

/** Replaces a job's labels (huggingface_hub `update_job_labels`); `{}` removes them all. */
export async function updateJobLabels(
  params: { jobId: string; labels: Record<string, string>; namespace?: string } & CredentialsParams,
): Promise<JobInfo> {
  const path = await jobsPath(params, jobSuffix(params.jobId, "/labels"));
  return hubRequest<JobInfo>(params, "PUT", path, { labels: params.labels });
}
