import type { CredentialsParams } from "../types/public.js";
import { eventStream } from "../utils/event-stream.js";
import { jobSuffix, jobsPath } from "../utils/job-namespace.js";

export interface FetchJobLogsParams extends CredentialsParams {
  jobId: string;
  namespace?: string;
  /** Keep streaming until the job ends (default); false: the lines so far only (hubhooks servers). */
  follow?: boolean;
  /** Only the last N lines so far, then (when following) the new ones. */
  tail?: number;
  signal?: AbortSignal;
}

/**
 * A job's log lines, from the server-sent events of `/logs` (`data: {"data": line, "timestamp": …}`), skipping the
 * `===== Job started` banner as huggingface_hub's fetch_job_logs does.
 */
export async function* fetchJobLogs(params: FetchJobLogsParams): AsyncGenerator<string> {
  const query = new URLSearchParams();
  if (params.tail !== undefined) query.set("tail", String(params.tail));
  if (params.follow === false) query.set("follow", "false");
  const path = await jobsPath(params, jobSuffix(params.jobId, "/logs"));
  const events = eventStream(params, `${path}${query.size ? `?${query}` : ""}`, "logs stream");
  for await (const event of events) {
    if (!event.data.startsWith("{")) continue;
    const line = (JSON.parse(event.data) as { data: string }).data;
    if (!line.startsWith("===== Job started")) yield line;
  }
}
