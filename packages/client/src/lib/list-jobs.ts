import type { JobInfo, JobStage } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";
import { jobsPath } from "../utils/job-namespace.js";

export interface ListJobsParams extends CredentialsParams {
  namespace?: string;
  stages?: JobStage[];
  labels?: Record<string, string>;
  /** Jobs per page (the server's default is 100). */
  limit?: number;
}

/** A namespace's jobs, newest first, following the `Link: rel="next"` pages as huggingface_hub's list_jobs does. */
export async function* listJobs(params: ListJobsParams = {}): AsyncGenerator<JobInfo> {
  const query = new URLSearchParams();
  for (const stage of params.stages ?? []) query.append("stage", stage);
  for (const [key, value] of Object.entries(params.labels ?? {})) query.append("label", `${key}=${value}`);
  if (params.limit !== undefined) query.set("limit", String(params.limit));
  let path: string | undefined = `${await jobsPath(params)}${query.size ? `?${query}` : ""}`;
  while (path) {
    let next: string | undefined;
    const page: JobInfo[] = await hubRequest<JobInfo[]>(params, "GET", path, undefined, undefined, (headers) => {
      const link = /<([^>]+)>;\s*rel="next"/.exec(headers.get("link") ?? "")?.[1];
      next = link && `${new URL(link).pathname}${new URL(link).search}`;
    });
    yield* page;
    path = next;
  }
}
