import type { JobInfo } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";
import { jobsPath } from "../utils/job-namespace.js";

export interface RunJobParams extends CredentialsParams {
  /** A Docker image (recorded; a hubhooks runner runs the command locally), or a Space as `https://huggingface.co/spaces/…`. */
  image: string;
  command: string[];
  env?: Record<string, string>;
  secrets?: Record<string, string>;
  flavor?: string;
  timeoutSeconds?: number;
  labels?: Record<string, string>;
  /** Defaults to the token's user. */
  namespace?: string;
}

const SPACE_PREFIXES = [
  "https://huggingface.co/spaces/",
  "https://hf.co/spaces/",
  "huggingface.co/spaces/",
  "hf.co/spaces/",
];

/** The job spec as huggingface_hub's `_create_job_spec` builds it. */
export function runJobBody(params: RunJobParams): Record<string, unknown> {
  const body: Record<string, unknown> = {
    command: params.command,
    arguments: [],
    environment: params.env ?? {},
    flavor: params.flavor ?? "cpu-basic",
  };
  if (params.secrets) body.secrets = params.secrets;
  if (params.timeoutSeconds !== undefined) body.timeoutSeconds = params.timeoutSeconds;
  if (params.labels) body.labels = params.labels;
  const space = SPACE_PREFIXES.find((prefix) => params.image.startsWith(prefix));
  if (space) body.spaceId = params.image.slice(space.length);
  else body.dockerImage = params.image;
  return body;
}

/** Starts a Job, with the body huggingface_hub's `run_job` sends. */
export async function runJob(params: RunJobParams): Promise<JobInfo> {
  return hubRequest<JobInfo>(params, "POST", await jobsPath(params), runJobBody(params));
}
