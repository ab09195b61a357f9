import { whoAmI } from "../lib/who-am-i.js";
import type { CredentialsParams } from "../types/public.js";

/** The jobs path of `namespace`, by default the token's user (as huggingface_hub asks whoami). */
export async function jobsPath(params: { namespace?: string } & CredentialsParams, suffix = ""): Promise<string> {
  const namespace = params.namespace ?? (await whoAmI(params)).name;
  return `/api/jobs/${encodeURIComponent(namespace)}${suffix}`;
}

export const jobSuffix = (jobId: string, rest = "") => `/${encodeURIComponent(jobId)}${rest}`;
