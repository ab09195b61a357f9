import type { JobSpecBody } from "@hubhooks/schemas";
import type { ServerDeps } from "../core/deps.js";
import type { StoredJobSpec } from "../core/job-spec.js";
import type { JobRow } from "../store/schema.js";
import { insertJob, type JobInitiator } from "./job-store.js";
import type { Namespace } from "./namespace.js";

export const NO_RUNNER_MESSAGE =
  "No job runner is enabled on this server, so nothing was run: its operator can turn one on with `hubhooks serve --jobs-runner local` (commands then run as processes of that machine)";

export function storedSpecOf(body: JobSpecBody): StoredJobSpec {
  return {
    command: body.command,
    arguments: body.arguments,
    environment: body.environment,
    secrets: body.secrets,
    flavor: body.flavor,
    dockerImage: body.dockerImage ?? null,
    spaceId: body.spaceId ?? null,
    timeoutSeconds: body.timeoutSeconds ?? null,
  };
}

/**
 * Records a job and wakes the runners. Where the operator enabled no runner the job is recorded as ERROR at
 * once with a message saying so: nothing on this machine runs a command unless it was turned on.
 */
export async function startJob(
  deps: ServerDeps,
  job: {
    namespace: Namespace;
    createdBy: string;
    body?: JobSpecBody;
    spec?: StoredJobSpec;
    labels?: Record<string, string> | null;
    initiator: JobInitiator;
    delivery?: { id: string; attempt: number };
  },
): Promise<JobRow> {
  const spec = job.spec ?? storedSpecOf(job.body as JobSpecBody);
  const enabled = deps.config.jobs.runner !== "none";
  const row = await insertJob(
    deps.db,
    {
      namespace: job.namespace,
      createdBy: job.createdBy,
      spec,
      labels: job.labels ?? job.body?.labels ?? null,
      initiator: job.initiator,
      stage: enabled ? "SCHEDULING" : "ERROR",
      message: enabled ? null : NO_RUNNER_MESSAGE,
      delivery: job.delivery,
    },
    deps.config.jobs.maxActivePerAccount,
  );
  if (enabled) deps.notifier.notify();
  return row;
}
