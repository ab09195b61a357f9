import type { JobInfo } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";
import { jobSuffix, jobsPath } from "../utils/job-namespace.js";

export async function inspectJob(params: { jobId: string; namespace?: string } & CredentialsParams): Promise<JobInfo> {
  return hubRequest<JobInfo>(params, "GET", await jobsPath(params, jobSuffix(params.jobId)));
}
