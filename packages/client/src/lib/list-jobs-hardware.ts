import type { JobHardwareInfo } from "@hubhooks/schemas";
import type { CredentialsParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";

/**
 * The flavors a job may name (huggingface_hub `list_jobs_hardware`). A hubhooks server records a flavor without
 * provisioning it: each lists the runner machine's CPUs and memory, no accelerator and no cost.
 */
export async function listJobsHardware(params: CredentialsParams = {}): Promise<JobHardwareInfo[]> {
  return hubRequest<JobHardwareInfo[]>(params, "GET", "/api/jobs/hardware");
}
