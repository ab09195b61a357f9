import { EventSourceParserStream } from "eventsource-parser/stream";
import { createApiError, HubConnectionError } from "../error.js";
import type { CredentialsParams } from "../types/public.js";
import { resolveAccessToken, resolveHubUrl } from "../utils/hub-request.js";
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
  const url = `${resolveHubUrl(params.hubUrl)}${path}${query.size ? `?${query}` : ""}`;
  const headers = { Authorization: `Bearer ${resolveAccessToken(params.accessToken)}`, Accept: "text/event-stream" };
  const init: RequestInit = { headers, redirect: "manual" };
  if (params.signal) init.signal = params.signal;
  let response: Response;
  try {
    response = await (params.fetch ?? fetch)(url, init);
  } catch (error) {
    throw new HubConnectionError(url, error);
  }
  if (!response.ok) throw await createApiError(response, url);
  if (!response.body) throw new HubConnectionError(url, new Error("the logs stream has no body"));
  const events = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  for await (const event of events as unknown as AsyncIterable<{ data: string }>) {
    if (!event.data.startsWith("{")) continue;
    const line = (JSON.parse(event.data) as { data: string }).data;
    if (!line.startsWith("===== Job started")) yield line;
  }
}
