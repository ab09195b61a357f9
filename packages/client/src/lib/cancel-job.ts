import type { JobInfo } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";
import { jobSuffix, jobsPath } from "../utils/job-namespace.js";

/** Cancels a job that has not ended (a hubhooks runner kills its processes); an ended job stays as it ended. */
export async function cancelJob(params: { jobId: string; namespace?: string } & CredentialsParams): Promise<JobInfo> {
  return hubRequest<JobInfo>(params, "POST", await jobsPath(params, jobSuffix(params.jobId, "/cancel")));
}
